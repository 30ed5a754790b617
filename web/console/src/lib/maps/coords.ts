import gcoordExport from 'gcoord';
import type { MapCrs, MapOutlines } from '../../../../../server/modules/maps/contract.ts';
import type { MapPoint } from './types.ts';

// gcoord's types declare an ES default on its CommonJS build, which TypeScript reads as a module
// with a `default` member; what the import gives (in Vite's ES build as in Node) is the library
type Gcoord = typeof gcoordExport.default;
const imported = gcoordExport as unknown as Gcoord & { default?: Gcoord };
const gcoord: Gcoord = imported.default ?? imported;
const datum = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02 } as const;

/**
 * A place from one datum to the other: positions are stored in WGS-84 (GPS); AMap's and Tencent's
 * tiles are drawn in GCJ-02, so what lies on them is converted there, and a click back.
 */
export function convert(p: MapPoint, from: MapCrs, to: MapCrs): MapPoint {
  if (from === to) return p;
  const [lng, lat] = gcoord.transform([p.lng, p.lat], datum[from], datum[to]);
  return { lat, lng };
}

/** The outlines in the datum of the map (a converted copy; the cached answer stays as it is). */
export function outlinesIn(outlines: MapOutlines, to: MapCrs): MapOutlines {
  const from = outlines.crs;
  if (from === to) return outlines;
  type Ring = [number, number][];
  const ring = (r: Ring): Ring =>
    r.map(([lng, lat]) => {
      const p = convert({ lat, lng }, from, to);
      return [p.lng, p.lat];
    });
  return {
    ...outlines,
    crs: to,
    features: outlines.features.map((f) => ({
      ...f,
      geometry:
        f.geometry.type === 'Polygon'
          ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(ring) }
          : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((p) => p.map(ring)) },
    })),
  };
}
