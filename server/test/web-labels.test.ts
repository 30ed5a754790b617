import { describe, expect, it } from 'vitest';
import enUS from '../../web/shared/locales/en-US.ts';
import zhCN from '../../web/shared/locales/zh-CN.ts';
import { careLevelReasonNames, type CareLevelReasonCode } from '../modules/care-levels/contract.ts';
import { auditActionCatalogue } from '../platform/contract/audit-actions.ts';
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
