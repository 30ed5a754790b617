import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dadongStreets, demoDistrict } from '../../db/seed/divisions.ts';
import { seededRandom } from '../../db/seed/seeded-random.ts';
import { actorsFor, call, type Session } from '../../test/actors.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { divisions } from '../divisions/tables.ts';
import type { MapOutlines } from './contract.ts';
import { isInside, loadOutlines, pointInside } from './service.ts';

/*
 * The map of the district: its outlines (the synthetic demo district's by default, a GeoJSON file
 * by configuration) and the online tiles, which only when configured widen the CSP's img-src.
 */

let t: TestApp;
let tiled: TestApp;
let visitor: Session;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanai-outlines-'));
const AMAP = 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&style=8&x={x}&y={y}&z={z}';

beforeAll(async () => {
  t = await createTestApp();
  tiled = await createTestApp({
    env: { MAP_TILE_URL: AMAP, MAP_TILE_SUBDOMAINS: '1234', MAP_TILE_ATTRIBUTION: '© 高德地图' },
  });
  visitor = await actorsFor(t).asVisitor();
});
afterAll(async () => {
  await t?.close();
  await tiled?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const imgSrc = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['content-security-policy'])
    .split('; ')
    .find((d) => d.startsWith('img-src'));

describe('the outlines of the district', () => {
  it('are the synthetic demo district and its ten streets, in WGS-84, for any signed-in user', async () => {
    const res = await call(t, visitor, { method: 'GET', url: '/api/map/outlines' });
    expect(res.status).toBe(200);
    const body = res.body as MapOutlines;
    expect(body).toMatchObject({ type: 'FeatureCollection', crs: 'wgs84', synthetic: true });
    expect(body.features.map((f) => f.properties.code).sort()).toEqual(
      [demoDistrict.code, ...dadongStreets.map((s) => s.code)].sort(),
    );
    const district = body.features.find((f) => f.properties.level === 'district');
    expect(district?.properties.name).toBe('大东区');
    expect(body.features.filter((f) => f.properties.level === 'street')).toHaveLength(10);

    expect((await t.app.inject({ method: 'GET', url: '/api/map/outlines' })).statusCode).toBe(401);
  });

  it('tile the district around 41.8 N, 123.5 E: every street inside it, no two streets overlapping', async () => {
    const { features } = (await call(t, visitor, { method: 'GET', url: '/api/map/outlines' }))
      .body as MapOutlines;
    const district = features.find((f) => f.properties.level === 'district');
    const streets = features.filter((f) => f.properties.level === 'street');
    if (!district) throw new Error('no district outline');
    const random = seededRandom(7);
    for (const street of streets)
      for (let i = 0; i < 200; i++) {
        const at = pointInside(street, random, 0);
        expect(at.lat).toBeGreaterThan(41.7);
        expect(at.lat).toBeLessThan(41.9);
        expect(at.lng).toBeGreaterThan(123.4);
        expect(at.lng).toBeLessThan(123.6);
        expect(isInside(district, at)).toBe(true);
        const others = streets.filter((o) => o !== street && isInside(o, at));
        expect(others.map((o) => o.properties.name)).toEqual([]);
      }
  });

  it('name each outline as the division is named now', async () => {
    await t.db
      .insert(divisions)
      .values([
        { code: '210100000000', parentCode: null, name: '沈阳市', level: 'city' },
        { code: demoDistrict.code, parentCode: '210100000000', name: '大东区', level: 'district' },
        { code: '210104002000', parentCode: demoDistrict.code, name: '新大北', level: 'street' },
      ])
      .onConflictDoNothing();
    const { features } = (await call(t, visitor, { method: 'GET', url: '/api/map/outlines' }))
      .body as MapOutlines;
    expect(features.find((f) => f.properties.code === '210104002000')?.properties.name).toBe(
      '新大北',
    );
  });

  it('come from MAP_OUTLINES_FILE in its datum: 6- or 9-digit adcodes padded, altitudes dropped', async () => {
    const file = path.join(dir, 'real.geojson');
    const square = (lng: number, lat: number) => [
      [
        [lng, lat, 12],
        [lng + 0.01, lat, 12],
        [lng + 0.01, lat + 0.01, 12],
        [lng, lat + 0.01, 12],
        [lng, lat, 12],
      ],
    ];
    fs.writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { adcode: 210104, name: '大东区' },
            geometry: { type: 'MultiPolygon', coordinates: [square(123.4, 41.8)] },
          },
          {
            type: 'Feature',
            properties: { code: '210104002', name: '大北街道' },
            geometry: { type: 'Polygon', coordinates: square(123.4, 41.8) },
          },
        ],
      }),
    );
    const real = await createTestApp({
      env: { MAP_OUTLINES_FILE: file, MAP_OUTLINES_CRS: 'gcj02' },
    });
    try {
      const admin = await actorsFor(real).asAdmin();
      const { body } = await call(real, admin, { method: 'GET', url: '/api/map/outlines' });
      expect(body).toMatchObject({ crs: 'gcj02', synthetic: false });
      expect(
        (body as MapOutlines).features.map((f) => [f.properties.code, f.properties.level]),
      ).toEqual([
        ['210104000000', 'district'],
        ['210104002000', 'street'],
      ]);
      expect((body as MapOutlines).features[1]?.geometry.coordinates[0]?.[0]).toEqual([
        123.4, 41.8,
      ]);
    } finally {
      await real.close();
    }
  });

  it('refuse to start on a file that is not a collection of outlines, naming the variable and the feature', () => {
    const bad = path.join(dir, 'bad.geojson');
    fs.writeFileSync(
      bad,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { name: '无代码' }, geometry: null }],
      }),
    );
    expect(() => loadOutlines(bad, 'wgs84')).toThrow(
      /MAP_OUTLINES_FILE .*bad\.geojson[\s\S]*features\.0/,
    );
    fs.writeFileSync(bad, '{ not json');
    expect(() => loadOutlines(bad, 'wgs84')).toThrow(/MAP_OUTLINES_FILE/);
    expect(() => loadOutlines(path.join(dir, 'missing.geojson'), 'wgs84')).toThrow(
      /MAP_OUTLINES_FILE/,
    );
  });
});

describe('the online tiles', () => {
  it('are none by default: the outlines alone, and the CSP loads images from the platform only', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/map/settings',
      headers: visitor.headers,
    });
    expect(res.json()).toEqual({ tiles: null });
    expect(imgSrc(res)).toBe("img-src 'self' data: blob:");
    expect(imgSrc(await t.app.inject({ method: 'GET', url: '/api/health' }))).toBe(
      "img-src 'self' data: blob:",
    );
  });

  it('when configured, are in the settings (GCJ-02 by default) and their host alone joins img-src', async () => {
    const admin = await actorsFor(tiled).asAdmin();
    const res = await tiled.app.inject({
      method: 'GET',
      url: '/api/map/settings',
      headers: admin.headers,
    });
    expect(res.json()).toEqual({
      tiles: {
        url: AMAP,
        crs: 'gcj02',
        attribution: '© 高德地图',
        subdomains: '1234',
        maxZoom: 18,
      },
    });
    for (const url of ['/api/map/settings', '/api/health', '/login'])
      expect(imgSrc(await tiled.app.inject({ method: 'GET', url }))).toBe(
        "img-src 'self' data: blob: https://*.is.autonavi.com",
      );
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("script-src 'self';");
  });
});
