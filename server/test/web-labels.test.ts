import { describe, expect, it } from 'vitest';
import enUS from '../../web/shared/locales/en-US.ts';
import zhCN from '../../web/shared/locales/zh-CN.ts';
import { careLevelReasonNames, type CareLevelReasonCode } from '../modules/care-levels/contract.ts';
import { auditActionCatalogue } from '../platform/contract/audit-actions.ts';
import { eventTypeCatalogue } from '../platform/contract/events.ts';
import { routeModules } from '../routes.ts';

/** The audit viewer names each event type as GET /api/audit-log/actions does: in both languages. */
describe('the audit viewer’s labels', () => {
  it('are in the catalogue for every declared audit action, in zh-CN and en-US', () => {
    expect(routeModules.length).toBeGreaterThan(0); // every contract is loaded through the routes
    const zh = auditActionCatalogue('zh-CN');
    const en = auditActionCatalogue('en-US');
    expect(zh.length).toBeGreaterThan(0);
    expect(en.map((a) => a.action)).toEqual(zh.map((a) => a.action));
    for (const a of [...zh, ...en]) expect(a.label.trim(), a.action).not.toBe('');
  });
});

/** The reasons of the default classification rules read the same in the console as from the API. */
describe('the classification rules’ reason labels', () => {
  it('name every reason code in both languages, as the contract does', () => {
    for (const [code, names] of Object.entries(careLevelReasonNames)) {
      expect(zhCN.careRules.reasons[code as CareLevelReasonCode], code).toBe(names['zh-CN']);
      expect(enUS.careRules.reasons[code as CareLevelReasonCode], code).toBe(names['en-US']);
    }
    expect(Object.keys(zhCN.careRules.reasons).sort()).toEqual(
      Object.keys(careLevelReasonNames).sort(),
    );
  });
});

/** A live notification names its event type as the server's catalogue does, in both languages. */
describe('the live notifications’ labels', () => {
  it('name every declared event type in zh-CN and en-US, as the catalogue does', () => {
    const zh = eventTypeCatalogue('zh-CN');
    const en = eventTypeCatalogue('en-US');
    expect(zh.length).toBeGreaterThan(0);
    for (const { type, label } of zh)
      expect(zhCN.live.types[type as keyof typeof zhCN.live.types], type).toBe(label);
    for (const { type, label } of en)
      expect(enUS.live.types[type as keyof typeof enUS.live.types], type).toBe(label);
    expect(Object.keys(zhCN.live.types).sort()).toEqual(zh.map((e) => e.type).sort());
  });
});

describe('the web apps’ messages', () => {
  /** Options i18next reads from the values of t(): a value of that name changes the answer. */
  const reserved = ['lng', 'lngs', 'ns', 'defaultValue', 'context', 'replace', 'fallbackLng'];
  const placeholders = (
    value: unknown,
    at: string,
    found: [string, string][] = [],
  ): [string, string][] => {
    if (typeof value === 'string')
      for (const m of value.matchAll(/{{\s*([\w.]+)/g)) found.push([at, m[1] ?? '']);
    else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) placeholders(v, `${at}.${k}`, found);
    return found;
  };

  it('name no placeholder as an option of i18next (a {{lng}} answered in Chinese in English)', () => {
    for (const messages of [zhCN, enUS])
      expect(placeholders(messages, '').filter(([, name]) => reserved.includes(name))).toEqual([]);
  });

  it('have the same placeholders in zh-CN and en-US', () => {
    const of = (messages: unknown) => {
      const names = new Map<string, Set<string>>();
      for (const [at, name] of placeholders(messages, ''))
        names.set(at, (names.get(at) ?? new Set()).add(name));
      return new Map([...names].map(([at, set]) => [at, [...set].sort().join(',')]));
    };
    const zh = of(zhCN);
    const en = of(enUS);
    const differ = [...zh].filter(([at, names]) => en.has(at) && en.get(at) !== names);
    expect(differ).toEqual([]);
  });
});
