import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineFieldLabels,
  endpoints,
  Uuid,
  type Locale,
} from '../../platform/contract/index.ts';
import { subjectFieldLabels } from '../subjects/contract.ts';

/**
 * Records of other departments about people on the roster (P8, the merged elderly database):
 * household registration (public security), social security, health, medical insurance.
 */
export const sources = [
  'household_registration',
  'social_security',
  'health',
  'medical_insurance',
] as const;
export const Source = z.enum(sources);
export type Source = z.infer<typeof Source>;

export const sourceNames: Record<Source, Record<Locale, string>> = {
  household_registration: { 'zh-CN': '公安户籍', 'en-US': 'household registration' },
  social_security: { 'zh-CN': '人社社保', 'en-US': 'social security' },
  health: { 'zh-CN': '卫健健康档案', 'en-US': 'health records' },
  medical_insurance: { 'zh-CN': '医保', 'en-US': 'medical insurance' },
};

/** The values a department may send, by the header text of its file. */
export const sourceFields = [
  { key: 'name', header: '姓名' },
  { key: 'sex', header: '性别' },
  { key: 'birthDate', header: '出生日期' },
  { key: 'phone', header: '联系电话' },
  { key: 'registeredAddress', header: '户籍地址' },
  { key: 'address', header: '现住址' },
  { key: 'insuranceStatus', header: '参保状态' },
  { key: 'medicalInsurance', header: '医保类型' },
  { key: 'healthStatus', header: '健康状况' },
  { key: 'disabilityGrade', header: '残疾等级' },
  { key: 'deathDate', header: '死亡日期' },
] as const;
export type SourceField = (typeof sourceFields)[number]['key'];
export const SourceFieldKey = z.enum(
  sourceFields.map((f) => f.key) as [SourceField, ...SourceField[]],
);

export const SourceRecordAuditAction = defineAuditActions({
  'source.import': { 'zh-CN': '导入部门数据', 'en-US': 'Department records imported' },
});

export const SourceRecordError = defineErrors('source_record', {
  file_headers: {
    status: 400,
    'zh-CN': '第1列应为“{idHeader}”，其后为可识别的数据列：{known}',
    'en-US': 'Column 1 must be {idHeader}, then known columns: {known}',
  },
  no_values: {
    status: 400,
    'zh-CN': '文件中没有可识别的数据列：{known}',
    'en-US': 'The file has none of the known columns: {known}',
  },
});

export const sourceRecordFieldLabels = defineFieldLabels([subjectFieldLabels], {
  source: { 'zh-CN': '数据来源', 'en-US': 'Source' },
  asOf: { 'zh-CN': '数据日期', 'en-US': 'Data date' },
  dryRun: { 'zh-CN': '仅校验', 'en-US': 'Dry run' },
});

export const SourceImportQuery = z.object({
  source: Source,
  asOf: z.iso.date(),
  dryRun: z.enum(['true', 'false']).optional(),
});

export const SourceImportResult = z.object({
  /** Rows whose ID number is on the roster in the uploader's scope: their values are kept. */
  accepted: z.number().int(),
  /** Rows of people not on the roster there: nothing of them is kept. */
  unmatched: z.number().int(),
  values: z.number().int(),
  rejected: z.array(
    z.object({ row: z.number().int(), field: z.string(), code: z.string(), message: z.string() }),
  ),
  committed: z.boolean(),
});

export const SourceComparison = z.object({
  fields: z.array(
    z.object({
      field: SourceFieldKey,
      /** What the roster holds (masked where sensitive), null where it holds nothing of the kind. */
      roster: z.string().nullable(),
      values: z.array(z.object({ source: Source, value: z.string(), asOf: z.string() })),
      /** The sources (and the roster) do not say the same. */
      disagrees: z.boolean(),
    }),
  ),
  /** A department reports a death while the subject is on the roster. */
  deathReported: z.boolean(),
});

export const sourceRecordEndpoints = endpoints(sourceRecordFieldLabels, {
  importSourceRecords: {
    method: 'POST',
    path: '/api/source-records/import',
    summary: '导入其他部门数据（按身份证号匹配名册，每个值标注来源和日期）',
    permission: 'source.import',
    scope: 'division',
    query: SourceImportQuery,
    upload: 'xlsx',
    response: SourceImportResult,
    idempotent: true,
  },
  sourceRecordTemplate: {
    method: 'GET',
    path: '/api/source-records/template',
    summary: '部门数据导入模板',
    permission: 'source.import',
    scope: 'none',
    download: 'xlsx',
    response: z.any(),
  },
  getSubjectSources: {
    method: 'GET',
    path: '/api/subjects/:id/sources',
    summary: '服务对象各项信息的来源、日期和不一致之处（记入审计日志）',
    permission: 'subject.read',
    scope: 'division',
    params: z.object({ id: Uuid }),
    response: SourceComparison,
  },
});
