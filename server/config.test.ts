import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('configuration: office hours of the working-day calendar', () => {
  const env = { DATA_DIR: '/tmp/guanai-config-test' };

  it('reads WORKING_HOURS as the office hours of working-hour deadlines; unset: whole days', () => {
    expect(parseConfig({ ...env, WORKING_HOURS: '08:30-17:30' }).calendar.workingHours).toEqual({
      start: '08:30',
      end: '17:30',
    });
    expect(parseConfig(env).calendar.workingHours).toBeNull();
  });

  it('refuses office hours that are malformed or end before they start, naming the variable', () => {
    for (const bad of ['8:30-17:30', '08:30–17:30', '17:30-08:30', '09:00-09:00', '24:00-25:00'])
      expect(() => parseConfig({ ...env, WORKING_HOURS: bad })).toThrow(/WORKING_HOURS/);
  });
});

describe('configuration: the ability assessment’s adjustments', () => {
  const env = { DATA_DIR: '/tmp/guanai-config-test' };

  it('stacks both raises at two care-risk events by default; each switch can be turned off', () => {
    expect(parseConfig(env).ability).toEqual({
      stackAdjustments: true,
      riskEventThreshold: 2,
      mentalRaise: true,
      riskRaise: true,
    });
    expect(
      parseConfig({
        ...env,
        ABILITY_STACK_ADJUSTMENTS: '0',
        ABILITY_RISK_EVENTS: '3',
        ABILITY_MENTAL_RAISE: 'off',
        ABILITY_RISK_RAISE: 'false',
      }).ability,
    ).toEqual({
      stackAdjustments: false,
      riskEventThreshold: 3,
      mentalRaise: false,
      riskRaise: false,
    });
  });

  it('refuses a threshold that is not a whole number of at least 1, naming the variable', () => {
    for (const bad of ['0', '1.5', 'two'])
      expect(() => parseConfig({ ...env, ABILITY_RISK_EVENTS: bad })).toThrow(
        /ABILITY_RISK_EVENTS/,
      );
    expect(() => parseConfig({ ...env, ABILITY_STACK_ADJUSTMENTS: 'maybe' })).toThrow(
      /ABILITY_STACK_ADJUSTMENTS/,
    );
  });
});

describe('configuration: the map', () => {
  const env = { DATA_DIR: '/tmp/guanai-config-test' };

  it('has no tiles by default (the outlines alone, offline), the demo outlines in WGS-84', () => {
    expect(parseConfig(env).map).toEqual({ tiles: null, outlinesFile: null, outlinesCrs: 'wgs84' });
    expect(parseConfig({ ...env, MAP_TILE_URL: '' }).map.tiles).toBeNull();
  });

  it('reads a tile URL template; its host, {s} as a wildcard of the first label, is the CSP source', () => {
    const amap = 'https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}';
    expect(parseConfig({ ...env, MAP_TILE_URL: amap }).map.tiles).toEqual({
      url: amap,
      crs: 'gcj02',
      attribution: '',
      subdomains: 'abc',
      maxZoom: 18,
      cspSource: 'https://*.is.autonavi.com',
    });
    const own = parseConfig({
      ...env,
      MAP_TILE_URL: 'http://Tiles.Intranet.gov.cn:8080/{z}/{x}/{y}.png',
      MAP_TILE_CRS: 'wgs84',
    }).map.tiles;
    expect(own).toMatchObject({ crs: 'wgs84', cspSource: 'http://tiles.intranet.gov.cn:8080' });
  });

  it('refuses a tile URL that is no http(s) template, or whose host could carry more into the CSP', () => {
    for (const bad of [
      'javascript:alert(1)//{z}/{x}/{y}',
      'https://tiles.example.cn/tiles.png',
      'https://tiles.example.cn/{z}/{x}.png',
      "https://tiles.example.cn; script-src 'unsafe-inline'/{z}/{x}/{y}",
      'https://user:pw@tiles.example.cn/{z}/{x}/{y}',
      'https://a.{s}.example.cn/{z}/{x}/{y}',
      'ftp://tiles.example.cn/{z}/{x}/{y}',
    ])
      expect(() => parseConfig({ ...env, MAP_TILE_URL: bad }), bad).toThrow(/MAP_TILE_URL/);
    expect(() => parseConfig({ ...env, MAP_TILE_CRS: 'bd09' })).toThrow(/MAP_TILE_CRS/);
  });
});
