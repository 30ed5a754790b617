import type { Locale } from './errors.ts';

/** Field labels, so that a validation message names the field in the caller's language. */
const labels = new Map<string, Record<Locale, string>>();

export function defineFieldLabels(entries: Record<string, Record<Locale, string>>): void {
  for (const [name, label] of Object.entries(entries)) labels.set(name, label);
}

export function fieldLabel(path: string, locale: Locale): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  return labels.get(path)?.[locale] ?? labels.get(last)?.[locale] ?? path;
}

defineFieldLabels({
  id: { 'zh-CN': '编号', 'en-US': 'ID' },
  code: { 'zh-CN': '代码', 'en-US': 'Code' },
  name: { 'zh-CN': '名称', 'en-US': 'Name' },
  page: { 'zh-CN': '页码', 'en-US': 'Page' },
  pageSize: { 'zh-CN': '每页条数', 'en-US': 'Page size' },
  reason: { 'zh-CN': '原因', 'en-US': 'Reason' },
  q: { 'zh-CN': '搜索关键词', 'en-US': 'Search' },
  body: { 'zh-CN': '请求内容', 'en-US': 'Request body' },
});

/**
 * Custom validation messages: a schema says `{ error: 'division_code_format' }` and the caller reads
 * it in their language.
 */
const validationMessages = new Map<string, Record<Locale, string>>();

export function defineValidationMessages(entries: Record<string, Record<Locale, string>>): void {
  for (const [key, text] of Object.entries(entries)) validationMessages.set(key, text);
}

export function validationMessage(key: string, locale: Locale): string | undefined {
  return validationMessages.get(key)?.[locale];
}

defineValidationMessages({
  nul_character: { 'zh-CN': '不能包含空字符', 'en-US': 'must not contain a NUL character' },
  division_code_format: {
    'zh-CN': '应为12位统计用区划代码（网格为15位）',
    'en-US': 'must be a 12-digit statistical division code (15 for a grid)',
  },
});

defineValidationMessages({
  username_format: {
    'zh-CN': '应以字母开头，由 3 至 32 位小写字母、数字、点、下划线或连字符组成',
    'en-US':
      'must start with a letter and have 3 to 32 lower-case letters, digits, dots, underscores or hyphens',
  },
});
