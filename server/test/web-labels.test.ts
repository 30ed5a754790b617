import { describe, expect, it } from 'vitest';
import enUS from '../../web/shared/locales/en-US.ts';
import zhCN from '../../web/shared/locales/zh-CN.ts';
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
