import { z } from 'zod';
import { defineAuditActions, defineErrors } from '../../platform/contract/index.ts';

/* A household's place on the map (re-exported by contract.ts, whose endpoint map has its calls). */

export const householdLocationSources = ['map', 'first_visit'] as const;

/**
 * Where a household is, in WGS-84: set on the console's map (confirmed), or proposed by the first
 * home visit's check-in (confirmed by a person on the map); only a confirmed place measures visits.
 */
export const HouseholdLocationView = z.object({
  lat: z.number(),
  lng: z.number(),
  source: z.enum(householdLocationSources),
  confirmed: z.boolean(),
});
export type HouseholdLocationView = z.infer<typeof HouseholdLocationView>;

/** A place on the map, in WGS-84 degrees (the console converts from GCJ-02 tiles before sending). */
export const SetHouseholdLocationBody = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});

export const HouseholdLocationError = defineErrors('household', {
  no_location_proposal: {
    status: 409,
    'zh-CN': '该户没有待确认的首次入户定位，请在地图上标注位置',
    'en-US':
      'The household has no location from a first home visit to confirm: place it on the map',
  },
});

export const HouseholdLocationAuditAction = defineAuditActions({
  'household.location_set': { 'zh-CN': '标注住户位置', 'en-US': 'Household location set' },
  'household.location_confirm': {
    'zh-CN': '确认住户位置',
    'en-US': 'Household location confirmed',
  },
});
