import { describe, expect, it } from 'vitest';
import enUS from '../../web/shared/locales/en-US.ts';
import zhCN from '../../web/shared/locales/zh-CN.ts';
import { careLevelReasonNames, type CareLevelReasonCode } from '../modules/care-levels/contract.ts';
import { auditActionCatalogue } from '../platform/contract/audit-actions.ts';
import { routeModules } from '../routes.ts';

/** The console names every audited event type the contracts declare, in both languages. */
describe('the audit viewer’s labels', () => {
  it('cover every declared audit action', () => {
    expect(routeModules.length).toBeGreaterThan(0); // every contract is loaded through the routes
    const declared = auditActionCatalogue('zh-CN').map((a) => a.action);
    const named = Object.keys(zhCN.audit.actions);
    expect(declared.filter((a) => !named.includes(a))).toEqual([]);
    expect(Object.keys(enUS.audit.actions).sort()).toEqual([...named].sort());
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
