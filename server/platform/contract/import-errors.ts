import { defineErrors, errorSpec, formatMessage, type Locale } from './errors.ts';
import { defineValidationMessages } from './fields.ts';
import type { IdNumberProblem } from './id-number.ts';

/** What is wrong with an ID number (parseIdNumber's problems), for a form's field and an import's row. */
const idNumberTexts = {
  id_number_format: {
    'zh-CN': '应为18位（或旧版15位）身份证号',
    'en-US': 'must be an 18-digit (or 15-digit) ID number',
  },
  id_number_check_digit: {
    'zh-CN': '校验位不正确，请核对号码',
    'en-US': 'has a wrong check character',
  },
  id_number_birth_date: {
    'zh-CN': '出生日期不存在或不合理',
    'en-US': 'holds an impossible birth date',
  },
  id_number_province: {
    'zh-CN': '前两位不是有效的省份代码',
    'en-US': 'does not start with a province code',
  },
} satisfies Record<`id_number_${IdNumberProblem}`, Record<Locale, string>>;
defineValidationMessages(idNumberTexts);

const withStatus = <T extends Record<string, Record<Locale, string>>>(texts: T) =>
  Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, { status: 400, ...v }])) as {
    [K in keyof T]: T[K] & { status: number };
  };

/**
 * The problems of a file and of a row of any import (rosters, department records …); each row's
 * problem names its row and column in the message the importing module composes.
 */
export const ImportError = defineErrors('import', {
  ...withStatus(idNumberTexts),
  file_not_xlsx: {
    status: 400,
    'zh-CN': '文件不是有效的 Excel（.xlsx）文件',
    'en-US': 'The file is not an Excel (.xlsx) file',
  },
  file_empty: { status: 400, 'zh-CN': '文件中没有数据行', 'en-US': 'The file has no data rows' },
  required: { status: 400, 'zh-CN': '不能为空', 'en-US': 'is required' },
  too_long: {
    status: 400,
    'zh-CN': '不能超过 {max} 个字符',
    'en-US': 'may have at most {max} characters',
  },
  phone_invalid: {
    status: 400,
    'zh-CN': '手机号应为11位，固定电话应含区号（如 024-12345678）',
    'en-US': 'a mobile has 11 digits; a landline needs its area code (024-12345678)',
  },
  date_invalid: {
    status: 400,
    'zh-CN': '不是有效日期（如 1945-01-01）',
    'en-US': 'is not a date (e.g. 1945-01-01)',
  },
  value_unknown: { status: 400, 'zh-CN': '无法识别“{value}”', 'en-US': 'unknown value "{value}"' },
});

/** A rejected row as every import answers it: the row, the column's header, the code, the message. */
export type RejectedRow = { row: number; field: string; code: string; message: string };

export function rejectedRow(
  row: number,
  header: string,
  code: string,
  params: Record<string, string | number>,
  locale: Locale,
): RejectedRow {
  const text = formatMessage(errorSpec(code)?.[locale] ?? code, params);
  const message =
    locale === 'zh-CN' ? `第 ${row} 行“${header}”：${text}` : `Row ${row}, ${header}: ${text}`;
  return { row, field: header, code, message };
}

/** An upload over the bounds of reading a spreadsheet (server/platform/excel/limits.ts). */
export const ExcelError = defineErrors('excel', {
  too_large: {
    status: 413,
    'zh-CN': '文件过大：{what}超过上限 {max}，请拆分后分批导入',
    'en-US':
      'The file is too large: {what} exceeds the limit of {max}; split it and import in parts',
  },
});
