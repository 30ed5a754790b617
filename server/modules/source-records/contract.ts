import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineFieldLabels,
  DivisionCode,
  endpoints,
  PageQuery,
  pageOf,
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
  'source.disagreement_resolve': {
    'zh-CN': '处理数据不一致',
    'en-US': 'Data disagreement worked through',
  },
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
  not_found: {
    status: 404,
    'zh-CN': '数据不一致记录不存在',
    'en-US': 'No such disagreement',
  },
  pick_unknown: {
    status: 422,
    'zh-CN': '“处理结果”应为名册、已核对或有该项数据的来源',
    'en-US': 'Resolution must be the roster, checked, or a source that holds the field',
  },
  disagreement_changed: {
    status: 409,
    'zh-CN': '该项数据已有新的变化，请刷新后再处理',
    'en-US': 'The values changed meanwhile: reload and work it through again',
  },
});

export const sourceRecordFieldLabels = defineFieldLabels([subjectFieldLabels], {
  source: { 'zh-CN': '数据来源', 'en-US': 'Source' },
  asOf: { 'zh-CN': '数据日期', 'en-US': 'Data date' },
  dryRun: { 'zh-CN': '仅校验', 'en-US': 'Dry run' },
  pick: { 'zh-CN': '处理结果', 'en-US': 'Resolution' },
  note: { 'zh-CN': '备注', 'en-US': 'Note' },
  field: { 'zh-CN': '项目', 'en-US': 'Field' },
  state: { 'zh-CN': '处理状态', 'en-US': 'State' },
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

/**
 * A disagreement of the merged elderly database (P8): one person, one field, the departments (or a
 * department and the roster) saying different things; worked through by the district or the
 * street: the roster is right, a department is right (the roster's name or phone then takes its
 * value), or the values were checked and left. New values that disagree again reopen it.
 */
export const disagreementStates = ['open', 'resolved', 'checked'] as const;
export const DisagreementState = z.enum(disagreementStates);
export type DisagreementState = z.infer<typeof DisagreementState>;

export const disagreementStateNames: Record<DisagreementState, Record<Locale, string>> = {
  open: { 'zh-CN': '待处理', 'en-US': 'Open' },
  resolved: { 'zh-CN': '已处理', 'en-US': 'Resolved' },
  checked: { 'zh-CN': '已核对', 'en-US': 'Checked' },
};

/** The fields a department's value may correct on the roster itself; others go through a roster round. */
export const correctableFields = ['name', 'phone'] as const satisfies readonly SourceField[];

export const ListDisagreementsQuery = z.strictObject({
  ...PageQuery.shape,
  field: SourceFieldKey.optional(),
  state: DisagreementState.default('open'),
  source: Source.optional(),
  divisionCode: DivisionCode.optional(),
});
export const ExportDisagreementsQuery = ListDisagreementsQuery.omit({ page: true, pageSize: true });

export const DisagreementView = z.object({
  id: z.string(),
  subjectId: z.string(),
  subjectName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  field: SourceFieldKey,
  /** Masked as every list is (phones, addresses; a birth date as the age). */
  roster: z.string().nullable(),
  values: z.array(z.object({ source: Source, value: z.string(), asOf: z.string() })),
  state: DisagreementState,
  /** `roster` or the source whose value was taken (null while open or when only checked). */
  resolution: z.string().nullable(),
  note: z.string().nullable(),
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
});
export type DisagreementView = z.infer<typeof DisagreementView>;

export const DisagreementList = pageOf(DisagreementView).extend({
  /** Per field in the scope (and division asked for), whatever the other filters: how many in each state. */
  counts: z.array(
    z.object({
      field: SourceFieldKey,
      open: z.number().int(),
      resolved: z.number().int(),
      checked: z.number().int(),
    }),
  ),
});

export const ResolveDisagreementBody = z.strictObject({
  /** `roster`, a source that holds the field, or `checked` (looked at, nothing to change). */
  pick: z.union([z.literal('roster'), z.literal('checked'), Source]),
  note: z.string().trim().max(200).optional(),
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
  listDisagreements: {
    method: 'GET',
    path: '/api/source-disagreements',
    summary: '老年人数据库的数据不一致清单（按项目、状态、来源、区划筛选；各项目计数；值已脱敏）',
    permission: 'source.reconcile',
    scope: 'division',
    query: ListDisagreementsQuery,
    response: DisagreementList,
  },
  resolveDisagreement: {
    method: 'POST',
    path: '/api/source-disagreements/:id/resolve',
    summary:
      '处理一条数据不一致：以名册为准、以某来源为准（姓名、电话随之更新名册）或标记为已核对（记入审计日志）',
    permission: 'source.reconcile',
    scope: 'division',
    params: z.object({ id: Uuid }),
    body: ResolveDisagreementBody,
    response: DisagreementView,
    idempotent: true,
  },
  exportDisagreements: {
    method: 'GET',
    path: '/api/source-disagreements/export',
    summary: '导出数据不一致清单 Excel（脱敏，带水印，记入审计日志）',
    permission: 'source.reconcile',
    scope: 'division',
    query: ExportDisagreementsQuery,
    download: 'xlsx',
    response: z.any(),
  },
});
