import { z } from 'zod';
import { divisionLevels, endpoints } from '../../platform/contract/index.ts';

/**
 * The console's map of the district: the divisions' outlines (GeoJSON, served by the platform, so
 * the map works offline) and, when configured, online tiles. Positions are stored in WGS-84; tiles
 * of AMap or Tencent are GCJ-02, and the console converts between the two (gcoord).
 */
export const mapCrsValues = ['wgs84', 'gcj02'] as const;
export const MapCrs = z.enum(mapCrsValues);
export type MapCrs = z.infer<typeof MapCrs>;

/** [longitude, latitude], as GeoJSON orders them. */
const Position = z.tuple([z.number(), z.number()]);
const Ring = z.array(Position);
const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(Ring) });
const MultiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(Ring)),
});

export const OutlineFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    /** The 12-digit statistical division code. */
    code: z.string(),
    /** The division's name as the platform has it now (else as the file gives it). */
    name: z.string(),
    level: z.enum(divisionLevels),
  }),
  geometry: z.discriminatedUnion('type', [Polygon, MultiPolygon]),
});
export type OutlineFeature = z.infer<typeof OutlineFeature>;

export const MapOutlines = z.object({
  type: z.literal('FeatureCollection'),
  /** The datum of the coordinates (the file's, MAP_OUTLINES_CRS). */
  crs: MapCrs,
  /** Synthetic outlines of the demo district, not the real borders. */
  synthetic: z.boolean(),
  features: z.array(OutlineFeature),
});
export type MapOutlines = z.infer<typeof MapOutlines>;

export const MapSettings = z.object({
  /** Online tiles; null: none (the outlines alone). */
  tiles: z
    .object({
      /** A Leaflet URL template: {s} a subdomain, {z}/{x}/{y} the tile. */
      url: z.string(),
      crs: MapCrs,
      attribution: z.string(),
      subdomains: z.string(),
      maxZoom: z.number().int(),
    })
    .nullable(),
});
export type MapSettings = z.infer<typeof MapSettings>;

export const mapEndpoints = endpoints({
  getMapSettings: {
    method: 'GET',
    path: '/api/map/settings',
    summary: '地图设置：在线底图（未配置时只显示区划边界，离线可用）',
    permission: 'authenticated',
    scope: 'none',
    response: MapSettings,
  },
  getMapOutlines: {
    method: 'GET',
    path: '/api/map/outlines',
    summary: '区划边界（GeoJSON：区县、街道等，含区划代码和名称；演示区为虚构边界）',
    permission: 'authenticated',
    scope: 'none',
    response: MapOutlines,
  },
});
