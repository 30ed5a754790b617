import type { Locale } from './errors.ts';

/**
 * The catalogue of audited event types (security.md row 17): every action written to the audit log
 * is declared by the contract of the module that writes it, with its name in both languages. The
 * audit log refuses an undeclared action, and the viewer lists the catalogue.
 */
const catalogue = new Map<string, Record<Locale, string>>();

export function defineAuditActions<const T extends Record<string, Record<Locale, string>>>(
  specs: T,
): { [K in keyof T]: K } {
  const names: Record<string, string> = {};
  for (const [action, label] of Object.entries(specs)) {
    catalogue.set(action, label);
    names[action] = action;
  }
  return names as { [K in keyof T]: K };
}

export function isAuditAction(action: string): boolean {
  return catalogue.has(action);
}

export function auditActionCatalogue(locale: Locale): { action: string; label: string }[] {
  return [...catalogue].map(([action, label]) => ({ action, label: label[locale] }));
}

export const PlatformAuditAction = defineAuditActions({
  'system.seed_demo': { 'zh-CN': '生成演示数据', 'en-US': 'Demo data seeded' },
  'sensitive.reveal': { 'zh-CN': '查看完整敏感信息', 'en-US': 'Sensitive value revealed' },
  export: { 'zh-CN': '导出数据', 'en-US': 'Data exported' },
});
