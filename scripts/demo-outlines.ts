/**
 * Writes the synthetic outlines of the demo district (大东区 and its ten streets) as GeoJSON in
 * WGS-84: `node --import tsx scripts/demo-outlines.ts`. Run once; the file is committed, so the map
 * shows the same shapes on every machine, offline, and the demo seed places households inside them.
 *
 * The shapes are made up (the real outlines are loaded with MAP_OUTLINES_FILE): three rows of
 * streets over the district's ground around 41.82 N, 123.48 E, their borders wavy polylines that
 * neighbours share point for point, so the streets tile the district without overlaps or gaps.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dadongStreets, demoDistrict } from '../server/db/seed/divisions.ts';
import { seededRandom } from '../server/db/seed/seeded-random.ts';

type Point = [number, number]; // [lng, lat], as GeoJSON orders them

const rnd = seededRandom(210104);
const west = 123.43;
const east = 123.54;
const south = 41.78;
const north = 41.86;
const step = 0.0025; // degrees of longitude between the points of an east-west border

/** Smooth noise along a border: a few sine waves of seeded phase and amplitude. */
function wave(amplitude: number) {
  const parts = [1, 2, 3].map((k) => ({
    k,
    phase: rnd() * Math.PI * 2,
    a: (amplitude * (0.4 + rnd() * 0.6)) / k,
  }));
  return (t: number) =>
    parts.reduce((sum, p) => sum + p.a * Math.sin(p.k * Math.PI * t + p.phase), 0);
}

// the east-west borders, south to north; the outer ones wave more
const xs: number[] = [];
for (let x = west; x <= east + 1e-9; x += step) xs.push(Math.round(x * 1e6) / 1e6);
const rowsOf = [3, 4, 3]; // streets per row, south to north
const horizontals: Point[][] = [0, 1, 2, 3].map((i) => {
  const base = south + ((north - south) * i) / 3;
  const w = wave(i === 0 || i === 3 ? 0.004 : 0.0025);
  return xs.map((x, j) => [x, base + w(j / (xs.length - 1))] as Point);
});

/** A border from `a` to `b` in `n` pieces, waving across its direction. */
function border(a: Point, b: Point, n: number, amplitude: number): Point[] {
  const w = wave(amplitude);
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  const out: Point[] = [];
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const off = i === 0 || i === n ? 0 : w(t) * Math.sin(Math.PI * t);
    out.push([a[0] + dx * t - (dy / len) * off, a[1] + dy * t + (dx / len) * off]);
  }
  return out;
}

/** Where a row's north-south borders meet its south and north borders (indexes into `xs`). */
function splits(count: number): { bottom: number; top: number }[] {
  const out = [{ bottom: 0, top: 0 }];
  for (let c = 1; c < count; c++) {
    const at = Math.round(((xs.length - 1) * c) / count);
    const lean = () => Math.round((rnd() - 0.5) * 6);
    out.push({ bottom: at + lean(), top: at + lean() });
  }
  out.push({ bottom: xs.length - 1, top: xs.length - 1 });
  return out;
}

const round = (p: Point): Point => [Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6];

/** Counter-clockwise, closed (RFC 7946). */
function ring(points: Point[]): Point[] {
  const pts = points.map(round).filter((p, i, all) => {
    const prev = all[i - 1];
    return !prev || prev[0] !== p[0] || prev[1] !== p[1];
  });
  const [first] = pts;
  const last = pts[pts.length - 1];
  if (first && last && first[0] === last[0] && first[1] === last[1]) pts.pop();
  const area = pts.reduce((sum, p, i) => {
    const q = pts[(i + 1) % pts.length] as Point;
    return sum + (p[0] * q[1] - q[0] * p[1]);
  }, 0);
  if (area < 0) pts.reverse();
  return [...pts, pts[0] as Point];
}

const streetRings: Point[][] = [];
const westEdges: Point[][] = [];
const eastEdges: Point[][] = [];
rowsOf.forEach((count, r) => {
  const low = horizontals[r] as Point[];
  const high = horizontals[r + 1] as Point[];
  const cuts = splits(count);
  const verticals = cuts.map((cut, c) =>
    border(
      low[cut.bottom] as Point,
      high[cut.top] as Point,
      12,
      c === 0 || c === count ? 0.003 : 0.0018,
    ),
  );
  westEdges.push(verticals[0] as Point[]);
  eastEdges.push(verticals[count] as Point[]);
  for (let c = 0; c < count; c++) {
    const left = verticals[c] as Point[];
    const right = verticals[c + 1] as Point[];
    const a = cuts[c] as { bottom: number; top: number };
    const b = cuts[c + 1] as { bottom: number; top: number };
    streetRings.push(
      ring([
        ...low.slice(a.bottom, b.bottom + 1),
        ...right.slice(1, -1),
        ...high.slice(a.top, b.top + 1).reverse(),
        ...left.slice(1, -1).reverse(),
      ]),
    );
  }
});

const districtRing = ring([
  ...(horizontals[0] as Point[]),
  ...eastEdges.flatMap((e) => e.slice(1)),
  ...(horizontals[3] as Point[]).slice(0, -1).reverse(),
  ...westEdges
    .slice()
    .reverse()
    .flatMap((e) => e.slice(0, -1).reverse()),
]);

// south row, then the middle, then the north; west to east in each
const order = [
  '万泉街道',
  '长安街道',
  '东站街道',
  '大北街道',
  '文官街道',
  '津桥街道',
  '东塔街道',
  '二台子街道',
  '上园街道',
  '前进街道',
];
const byName = new Map(dadongStreets.map((s) => [s.name, s.code]));
const feature = (code: string, name: string, points: Point[]) => ({
  type: 'Feature',
  properties: { code, name },
  geometry: { type: 'Polygon', coordinates: [points] },
});
const features = [
  feature(demoDistrict.code, demoDistrict.name, districtRing),
  ...order.map((name, i) => feature(byName.get(name) as string, name, streetRings[i] as Point[])),
];

const out = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../server/modules/maps/demo-outlines.geojson',
);
// one feature a line: small diffs, and readable enough
fs.writeFileSync(
  out,
  `{\n  "type": "FeatureCollection",\n  "name": "大东区（示范，虚构边界）",\n  "features": [\n${features
    .map((f) => `    ${JSON.stringify(f)}`)
    .join(',\n')}\n  ]\n}\n`,
);
console.log(`${features.length} outlines written to ${path.relative(process.cwd(), out)}`);
