import type { Locale } from './errors.ts';

/**
 * Field labels, so that a message names the field in the caller's language and as the module calls
 * it: `kind` is 机构类型 in organisations and 人员类型 in subjects. A module declares its labels
 * (`defineFieldLabels`, with those of the lower modules whose fields it shares) and hands them to
 * its endpoint map (`endpoints(map, labels)`); a field no module names takes the common label.
 */
export type FieldLabels = ReadonlyMap<string, Record<Locale, string>>;

/** Labels of fields every module has: ids, paging, the division and organisation scope, an upload. */
export const commonFieldLabels: FieldLabels = new Map(
  Object.entries({
    id: { 'zh-CN': '编号', 'en-US': 'ID' },
    // a request's part as a whole (`body` below; a query or path that is not an object)
    query: { 'zh-CN': '查询参数', 'en-US': 'Query' },
    params: { 'zh-CN': '路径参数', 'en-US': 'Path' },
    code: { 'zh-CN': '代码', 'en-US': 'Code' },
    name: { 'zh-CN': '名称', 'en-US': 'Name' },
    page: { 'zh-CN': '页码', 'en-US': 'Page' },
    pageSize: { 'zh-CN': '每页条数', 'en-US': 'Page size' },
    reason: { 'zh-CN': '原因', 'en-US': 'Reason' },
    q: { 'zh-CN': '搜索关键词', 'en-US': 'Search' },
    body: { 'zh-CN': '请求内容', 'en-US': 'Request body' },
    divisionCode: { 'zh-CN': '所属区划代码', 'en-US': 'Division code' },
    organisationId: { 'zh-CN': '所属机构', 'en-US': 'Organisation' },
    file: { 'zh-CN': '文件', 'en-US': 'File' },
  }),
);

/** A module's labels: its own entries, over those of the lower modules whose fields it shares. */
export function defineFieldLabels(entries: LabelEntries): FieldLabels;
export function defineFieldLabels(
  shared: readonly FieldLabels[],
  entries: LabelEntries,
): FieldLabels;
export function defineFieldLabels(
  first: LabelEntries | readonly FieldLabels[],
  second?: LabelEntries,
): FieldLabels {
  const [shared, entries] = Array.isArray(first)
    ? [first as readonly FieldLabels[], second ?? {}]
    : [[], first as LabelEntries];
  return new Map([...shared.flatMap((labels) => [...labels]), ...Object.entries(entries)]);
}
type LabelEntries = Record<string, Record<Locale, string>>;

/** The label of a field path (`rows.3.idNumber` is labelled as `idNumber`): the module's, else common. */
export function fieldLabel(
  path: string,
  locale: Locale,
  labels: FieldLabels = commonFieldLabels,
): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  const label =
    labels.get(path) ??
    labels.get(last) ??
    commonFieldLabels.get(path) ??
    commonFieldLabels.get(last);
  return label?.[locale] ?? path;
}

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
  invalid_unicode: {
    'zh-CN': '含有无效的 Unicode 字符（孤立的代理项）',
    'en-US': 'holds an invalid Unicode character (a lone surrogate)',
  },
  too_deep: {
    'zh-CN': '嵌套层数过多（最多 32 层）',
    'en-US': 'is nested too deeply (at most 32 levels)',
  },
  forbidden_key: {
    'zh-CN': '不能使用 __proto__、constructor 或 prototype 作为字段名',
    'en-US': 'may not use __proto__, constructor or prototype as a field name',
  },
  invalid_encoding: { 'zh-CN': '应为 UTF-8 编码', 'en-US': 'must be encoded in UTF-8' },
  invalid_json: { 'zh-CN': '不是有效的 JSON', 'en-US': 'is not valid JSON' },
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
