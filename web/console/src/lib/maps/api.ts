import { useQuery } from '@tanstack/react-query';
import { mapEndpoints } from '../../../../../server/modules/maps/contract.ts';
import { call } from '../../../../shared/api.ts';

/** GET /api/map/settings: the online tiles, when configured (they do not change while open). */
export function useMapSettings() {
  return useQuery({
    queryKey: ['map', 'settings'],
    queryFn: ({ signal }) => call(mapEndpoints.getMapSettings, { signal }),
    staleTime: Infinity,
  });
}

/** GET /api/map/outlines: the district's outlines, served by the platform (offline). */
export function useMapOutlines() {
  return useQuery({
    queryKey: ['map', 'outlines'],
    queryFn: ({ signal }) => call(mapEndpoints.getMapOutlines, { signal }),
    staleTime: 10 * 60_000,
  });
}
