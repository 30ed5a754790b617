import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineFieldLabels,
  endpoints,
  Uuid,
} from '../../platform/contract/index.ts';

/*
 * A household's place on the map, with its own endpoint map (re-exported by contract.ts): set on
 * the console's map, or the first home visit's proposal confirmed.
 */

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

export const householdLocationFieldLabels = defineFieldLabels({
  lat: { 'zh-CN': '纬度', 'en-US': 'Latitude' },
  lng: { 'zh-CN': '经度', 'en-US': 'Longitude' },
});

const HouseholdParams = z.object({ id: Uuid });

export const householdLocationEndpoints = endpoints(householdLocationFieldLabels, {
  setHouseholdLocation: {
    method: 'PUT',
    path: '/api/households/:id/location',
    summary: '在地图上标注住户位置（WGS-84 经纬度；标注即确认，之后入户签到按此计算距离）',
    permission: 'roster.compile',
    scope: 'division',
    params: HouseholdParams,
    body: SetHouseholdLocationBody,
    response: HouseholdLocationView,
  },
  confirmHouseholdLocation: {
    method: 'POST',
    path: '/api/households/:id/location/confirm',
    summary: '确认首次入户签到提出的住户位置（没有待确认的位置时为 409）',
    permission: 'roster.compile',
    scope: 'division',
    params: HouseholdParams,
    response: HouseholdLocationView,
    idempotent: true,
  },
});
