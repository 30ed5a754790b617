import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { divisionLevel } from '../../platform/contract/divisions.ts';
import { divisionNames } from '../divisions/service.ts';
import type { MapCrs, MapOutlines, MapSettings, OutlineFeature } from './contract.ts';

/** The synthetic outlines of the demo district (scripts/demo-outlines.ts made them). */
export const demoOutlinesFile = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'demo-outlines.geojson',
);

type Point = [number, number];
export type Outlines = Omit<MapOutlines, 'features'> & { features: OutlineFeature[] };

/** A position of a file: [lng, lat] and perhaps an altitude, which the map does not need. */
const FilePosition = z
  .array(z.number())
  .min(2)
  .transform((p) => [p[0], p[1]] as Point);
const FileRing = z.array(FilePosition).min(4);
const FileGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(FileRing).min(1) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(FileRing).min(1)).min(1),
  }),
]);
/**
 * A division code as outline files give it: our 12 digits (15 for a grid), or an `adcode` of 6 or
 * 9 digits (a district, a street), right-padded with zeros.
 */
const FileCode = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const digits = String(v).trim();
  if (/^(\d{6}|\d{9}|\d{12}|\d{15})$/.test(digits))
    return digits.length < 12 ? digits.padEnd(12, '0') : digits;
  ctx.addIssue({ code: 'custom', message: 'a division code of 6, 9, 12 or 15 digits' });
  return z.NEVER;
});
const FileFeature = z.object({
  type: z.literal('Feature'),
  properties: z.union([
    z.object({ code: FileCode, name: z.string().min(1) }),
    z.object({ adcode: FileCode, name: z.string().min(1) }).transform((p) => ({
      code: p.adcode,
      name: p.name,
    })),
  ]),
  geometry: FileGeometry,
});
const FileCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(FileFeature).min(1),
});

/**
 * Reads and checks a GeoJSON file of outlines (polygons with a division code and a name each);
 * a problem stops the start with the file, the feature and what is wrong.
 */
export function loadOutlines(file: string, crs: MapCrs): Outlines {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`MAP_OUTLINES_FILE ${file}: ${(err as Error).message}`, { cause: err });
  }
  const parsed = FileCollection.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues
      .slice(0, 10)
      .map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(
      `MAP_OUTLINES_FILE ${file} is not a collection of outlines:\n${lines.join('\n')}`,
    );
  }
  return {
    type: 'FeatureCollection',
    crs,
    synthetic: path.resolve(file) === demoOutlinesFile,
    features: parsed.data.features.map((f) => ({
      type: 'Feature',
      properties: { ...f.properties, level: divisionLevel(f.properties.code) },
      geometry: f.geometry,
    })),
  };
}

/** The outlines the configuration names (the demo district's when none). */
export function configuredOutlines(config: Pick<Config, 'map'>): Outlines {
  return loadOutlines(config.map.outlinesFile ?? demoOutlinesFile, config.map.outlinesCrs);
}

/** GET /api/map/outlines: each outline named as the division is named now. */
export async function outlinesWithNames(db: Db, outlines: Outlines): Promise<MapOutlines> {
  const names = await divisionNames(
    db,
    outlines.features.map((f) => f.properties.code),
  );
  return {
    ...outlines,
    features: outlines.features.map((f) => ({
      ...f,
      properties: { ...f.properties, name: names.get(f.properties.code) ?? f.properties.name },
    })),
  };
}

/** GET /api/map/settings: the tiles without what only the server needs (the CSP source). */
export function mapSettings(config: Pick<Config, 'map'>): MapSettings {
  const tiles = config.map.tiles;
  return {
    tiles: tiles
      ? {
          url: tiles.url,
          crs: tiles.crs,
          attribution: tiles.attribution,
          subdomains: tiles.subdomains,
          maxZoom: tiles.maxZoom,
        }
      : null,
  };
}

/** Whether [lng, lat] lies inside a ring (ray casting). */
function inRing(p: Point, ring: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as Point;
    const [xj, yj] = ring[j] as Point;
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  return inside;
}

const polygonsOf = (f: OutlineFeature): Point[][][] =>
  f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;

/** Whether a WGS-84 position lies inside an outline (in a polygon and outside its holes). */
export function isInside(f: OutlineFeature, at: { lat: number; lng: number }): boolean {
  const p: Point = [at.lng, at.lat];
  return polygonsOf(f).some(
    ([outer, ...holes]) => !!outer && inRing(p, outer) && !holes.some((h) => inRing(p, h)),
  );
}

/**
 * A position inside an outline, drawn with `random` (seeded, for demo data), kept `margin` of
 * its bounding box away from the box's edges.
 */
export function pointInside(
  f: OutlineFeature,
  random: () => number,
  margin = 0.08,
): { lat: number; lng: number } {
  const points = polygonsOf(f).flatMap((p) => p[0] ?? []);
  const lngs = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  for (let i = 0; i < 1000; i++) {
    const at = {
      lng: w + (e - w) * (margin + random() * (1 - 2 * margin)),
      lat: s + (n - s) * (margin + random() * (1 - 2 * margin)),
    };
    if (isInside(f, at)) return at;
  }
  throw new Error(`no point found inside the outline of ${f.properties.code}`);
}
