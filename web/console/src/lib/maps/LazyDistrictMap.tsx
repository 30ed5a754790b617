import { Skeleton } from 'antd';
import { lazy, Suspense } from 'react';
import type { DistrictMapProps } from './types.ts';

// Leaflet, react-leaflet and gcoord in a chunk of their own, fetched where a map is shown
const DistrictMap = lazy(() => import('./DistrictMap.tsx'));

/** The district's map, its code loaded on first use: the pages without a map never pay for it. */
export function LazyDistrictMap(props: DistrictMapProps) {
  return (
    <Suspense
      fallback={<Skeleton.Node active style={{ width: '100%', height: props.height ?? 360 }} />}
    >
      <DistrictMap {...props} />
    </Suspense>
  );
}
