import { z } from 'zod';
import {
  defineAuditActions,
  defineErrors,
  defineFieldLabels,
  endpoints,
  Ok,
  pageOf,
} from '../../platform/contract/index.ts';
import {
  EntryParams,
  EntryView,
  ExportRoundBody,
  ExportRoundsBody,
  ListRoundsQuery,
  Month,
  RemoveSubjectBody,
  ReturnRoundBody,
  RevealEntryBody,
  RevealedEntryValue,
  RoundDetail,
  RoundParams,
  RoundView,
} from './rounds-contract.ts';
import {
  RosterSettingParams,
  RosterSettingsView,
  RosterSettingView,
  UpdateRosterSettingBody,
} from './settings-contract.ts';
import { subjectFieldLabels } from '../subjects/contract.ts';

export * from './rounds-contract.ts';
export * from './settings-contract.ts';

export const RosterAuditAction = defineAuditActions({
  'roster.import': { 'zh-CN': '导入名册', 'en-US': 'Roster imported' },
  'roster.entry': { 'zh-CN': '修改名册变更', 'en-US': 'Roster change edited' },
  'roster.submit': { 'zh-CN': '提交名册', 'en-US': 'Roster submitted' },
  'roster.reopen': { 'zh-CN': '撤回提交', 'en-US': 'Roster submission withdrawn' },
  'roster.return': { 'zh-CN': '退回名册', 'en-US': 'Roster returned' },
  'roster.approve': { 'zh-CN': '确认名册', 'en-US': 'Roster approved' },
  'roster.settings': { 'zh-CN': '修改名册设置', 'en-US': 'Roster settings changed' },
});

/** Errors of a request, and the problems of a row of an uploaded file (`{row}`, `{field}`). */
export const RosterEntryError = defineErrors('roster_entry', {
  not_found: { status: 404, 'zh-CN': '未找到该条变更', 'en-US': 'The change was not found' },
  reveal_unavailable: {
    status: 400,
    'zh-CN': '这条变更没有留存完整的{field}',
    'en-US': 'This change keeps no full {field}',
  },
});

export const RosterError = defineErrors('roster', {
  not_found: { status: 404, 'zh-CN': '未找到该名册', 'en-US': 'The roster round was not found' },
  file_required: {
    status: 400,
    'zh-CN': '请上传 Excel 文件（表单字段 file）',
    'en-US': 'Upload an Excel file (form field "file")',
  },
  file_headers: {
    status: 400,
    'zh-CN': '第1行表头应依次为：{expected}；缺少或顺序不对：{missing}',
    'en-US': 'Row 1 must hold the headers {expected}; missing or out of order: {missing}',
  },
  file_rejected: {
    status: 400,
    'zh-CN': '有 {count} 处错误，全部数据均未导入，请按错误说明修改后重新上传',
    'en-US': '{count} problems: nothing was imported; fix them and upload again',
  },
  round_closed: {
    status: 409,
    'zh-CN': '{month}名册{status}，不能再修改',
    'en-US': 'The roster of {month} is {status} and can no longer change',
  },
  round_state: {
    status: 409,
    'zh-CN': '名册当前状态为“{status}”，不能执行此操作',
    'en-US': 'The roster is "{status}": this cannot be done now',
  },
  transition_refused: {
    status: 409,
    'zh-CN': '只有提交人或街道可以撤回提交',
    'en-US': 'Only whoever submitted the roster, or the street, may withdraw the submission',
  },
  no_problems: {
    status: 400,
    'zh-CN': '文件中没有错误，可以直接导入',
    'en-US': 'The file has no problems: import it as it is',
  },
  unmasked_needs_reason: {
    status: 400,
    'zh-CN': '完整导出身份证号、电话和住址需填写事由',
    'en-US': 'Give a reason to export full ID numbers, phones and addresses',
  },
  round_empty: { status: 400, 'zh-CN': '名册没有任何变更', 'en-US': 'The roster has no changes' },
  return_needs_rows: {
    status: 400,
    'zh-CN': '退回时请填写总体意见或至少对一条变更填写意见',
    'en-US': 'Give an overall comment or comment on at least one change to return the roster',
  },
  returned_rows_open: {
    status: 409,
    'zh-CN': '还有 {count} 条被退回的变更未修改',
    'en-US': '{count} returned changes have not been fixed',
  },
  value_masked: {
    status: 400,
    'zh-CN': '含“*”，是脱敏导出的值，不能导入：请填写完整号码（完整导出或原始台账）',
    'en-US': 'contains "*": a masked value cannot be imported; give the full number',
  },
  kind_unknown: { status: 400, 'zh-CN': '应为{allowed}之一', 'en-US': 'must be one of {allowed}' },
  kind_age: {
    status: 400,
    'zh-CN': '按身份证号年龄为 {age} 岁，与人员类型不符（老年人满60周岁，儿童未满18周岁）',
    'en-US':
      'the ID number gives age {age}, which does not fit the kind (elders 60+, children under 18)',
  },
  community_unknown: {
    status: 400,
    'zh-CN': '社区代码 {code} 不存在或不在您的管理范围内',
    'en-US': 'community {code} does not exist or is outside your scope',
  },
  category_unknown: {
    status: 400,
    'zh-CN': '无法识别的类别“{value}”',
    'en-US': 'unknown category "{value}"',
  },
  category_other_kind: {
    status: 400,
    'zh-CN': '“{value}”是{owner}的类别，不能用于{kind}',
    'en-US': '"{value}" is a category of {owner}, not of {kind}',
  },
  care_level_unknown: {
    status: 400,
    'zh-CN': '应为{allowed}之一',
    'en-US': 'must be one of {allowed}',
  },
  care_level_floor: {
    status: 400,
    'zh-CN': '失能老年人每月至少探访一次，关爱等级不能低于重点探访',
    'en-US': 'a disabled elder is visited monthly: no lower than key visits',
  },
  consent_unknown: {
    status: 400,
    'zh-CN': '应为{allowed}之一',
    'en-US': 'must be one of {allowed}',
  },
  refusal_reason_required: {
    status: 400,
    'zh-CN': '不接受探访时请填写原因',
    'en-US': 'give the reason for refusing visits',
  },
  household_address: {
    status: 400,
    'zh-CN': '与第 {other} 行户编号相同（同一户），住址应与其一致',
    'en-US': 'the same household as row {other}: give the same address',
  },
  duplicate_in_file: {
    status: 400,
    'zh-CN': '与第 {other} 行的身份证号重复',
    'en-US': 'the same ID number as row {other}',
  },
  duplicate_elsewhere: {
    status: 400,
    'zh-CN': '此人已在{place}的名册中',
    'en-US': 'this person is already on the roster of {place}',
  },
  birth_date_mismatch: {
    status: 400,
    'zh-CN': '与身份证号中的出生日期 {expected} 不一致',
    'en-US': 'differs from the ID number’s birth date {expected}',
  },
  sex_mismatch: {
    status: 400,
    'zh-CN': '与身份证号中的性别（{expected}）不一致',
    'en-US': 'differs from the ID number’s sex ({expected})',
  },
  emergency_phone_required: {
    status: 400,
    'zh-CN': '填写紧急联系人时请填写其电话',
    'en-US': 'give the emergency contact’s phone',
  },
});

export const rosterFieldLabels = defineFieldLabels([subjectFieldLabels], {
  month: { 'zh-CN': '月份', 'en-US': 'Month' },
  dryRun: { 'zh-CN': '仅校验', 'en-US': 'Dry run' },
  comments: { 'zh-CN': '退回意见', 'en-US': 'Comments' },
  comment: { 'zh-CN': '意见', 'en-US': 'Comment' },
  removalReason: { 'zh-CN': '移出原因', 'en-US': 'Reason for removal' },
  removalNote: { 'zh-CN': '移出说明', 'en-US': 'Note on the removal' },
  entryId: { 'zh-CN': '变更条目', 'en-US': 'Entry' },
  subjectId: { 'zh-CN': '服务对象', 'en-US': 'Subject' },
  unmasked: { 'zh-CN': '完整导出', 'en-US': 'Full export' },
  districtCode: { 'zh-CN': '区县', 'en-US': 'District' },
  corrections: { 'zh-CN': '确认后的更正', 'en-US': 'Corrections after approval' },
  version: { 'zh-CN': '版本', 'en-US': 'Version' },
});

export const RejectedRow = z.object({
  row: z.number().int(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});

export const ImportResult = z.object({
  accepted: z.number().int(),
  rejected: z.array(RejectedRow),
  /** Whether the rows went into the rounds (never when dryRun or when any row was rejected). */
  committed: z.boolean().optional(),
  /** The same file was already imported into this month's rounds: nothing changed. */
  duplicateFile: z.boolean().optional(),
  /** Rows equal to what the round or the live roster already holds. */
  unchanged: z.number().int().optional(),
  /**
   * The rounds the rows go (or, in a dry run, would go) into, per street: a month already
   * approved takes them into its correction round (sequence ≥ 1) or the next month's round.
   */
  into: z
    .array(
      z.object({
        divisionCode: z.string(),
        month: z.string(),
        sequence: z.number().int(),
        /** The month the upload named, when the rows go into another (the next month's round). */
        correctsMonth: z.string().nullable(),
      }),
    )
    .optional(),
});

export const ImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional(),
  month: Month.optional(),
});

export const rosterEndpoints = endpoints(rosterFieldLabels, {
  importRoster: {
    method: 'POST',
    path: '/api/subjects/import',
    summary:
      '上传名册 Excel（multipart 字段 file）；dryRun=true 只校验不写入；全部通过才写入本月名册',
    permission: 'roster.compile',
    scope: 'division',
    query: ImportQuery,
    upload: 'xlsx',
    response: ImportResult,
    idempotent: true,
  },
  rosterErrorFile: {
    method: 'POST',
    path: '/api/subjects/import/error-file',
    summary: '上传同一文件，取回带“错误说明”列的 Excel',
    permission: 'roster.compile',
    scope: 'division',
    query: ImportQuery,
    upload: 'xlsx',
    download: 'xlsx',
    response: z.any(),
  },
  rosterTemplate: {
    method: 'GET',
    path: '/api/subjects/import/template',
    summary: '下载名册导入模板（含下拉选项）',
    permission: 'roster.compile',
    scope: 'division',
    download: 'xlsx',
    response: z.any(),
  },
  listRosterRounds: {
    method: 'GET',
    path: '/api/roster-rounds',
    summary: '各街道各月名册及状态（含逾期未确认）',
    permission: 'roster.read',
    scope: 'street',
    query: ListRoundsQuery,
    response: pageOf(RoundView).extend({
      /** Streets in scope with no round of the month at all (late once the due day has passed). */
      missing: z.array(
        z.object({ divisionCode: z.string(), divisionName: z.string(), late: z.boolean() }),
      ),
    }),
  },
  getRosterRound: {
    method: 'GET',
    path: '/api/roster-rounds/:id',
    summary: '一个月的名册：与上月相比的新增、移出、变更（逐字段）',
    permission: 'roster.read',
    scope: 'street',
    params: RoundParams,
    response: RoundDetail,
  },
  removeFromRoster: {
    method: 'POST',
    path: '/api/roster-rounds/removals',
    summary: '申请将服务对象移出名册（需原因，街道确认后生效）',
    permission: 'roster.compile',
    scope: 'division',
    body: RemoveSubjectBody,
    response: EntryView,
    status: 201,
    idempotent: true,
  },
  withdrawRosterEntry: {
    method: 'DELETE',
    path: '/api/roster-rounds/:id/entries/:entryId',
    summary: '撤回一条尚未确认的变更',
    permission: 'roster.compile',
    scope: 'division',
    params: EntryParams,
    response: Ok,
  },
  submitRosterRound: {
    method: 'POST',
    path: '/api/roster-rounds/:id/submit',
    summary: '提交街道审核',
    permission: 'roster.compile',
    scope: 'street',
    params: RoundParams,
    response: RoundView,
    idempotent: true,
  },
  reopenRosterRound: {
    method: 'POST',
    path: '/api/roster-rounds/:id/reopen',
    summary: '撤回提交：街道确认前，提交人或街道将名册退回编制中',
    permission: 'roster.compile',
    scope: 'street',
    params: RoundParams,
    response: RoundView,
    idempotent: true,
  },
  returnRosterRound: {
    method: 'POST',
    path: '/api/roster-rounds/:id/return',
    summary: '街道退回（逐条填写意见）',
    permission: 'roster.review',
    scope: 'division',
    params: RoundParams,
    body: ReturnRoundBody,
    response: RoundView,
    idempotent: true,
  },
  approveRosterRound: {
    method: 'POST',
    path: '/api/roster-rounds/:id/approve',
    summary: '街道确认：变更写入名册',
    permission: 'roster.review',
    scope: 'division',
    params: RoundParams,
    response: RoundView,
    idempotent: true,
  },
  exportRosterRounds: {
    method: 'POST',
    path: '/api/roster-rounds/export',
    summary:
      '导出一个月各街道的名册状态 Excel（新增、变更、移出、退回数，逾期和未报送；带水印，记入审计日志）',
    permission: 'roster.read',
    scope: 'street',
    body: ExportRoundsBody,
    download: 'xlsx',
    response: z.any(),
  },
  exportRosterRound: {
    method: 'POST',
    path: '/api/roster-rounds/:id/export',
    summary:
      '导出一个月名册的变更 Excel（新增、逐字段变更、移出及退回意见；默认脱敏，完整信息需权限和事由，记入审计日志）',
    permission: 'roster.read',
    scope: 'street',
    params: RoundParams,
    body: ExportRoundBody,
    download: 'xlsx',
    response: z.any(),
  },
  revealRosterEntry: {
    method: 'POST',
    path: '/api/roster-rounds/:id/entries/:entryId/reveal',
    summary:
      '查看一条变更前后完整的身份证号、电话、住址或紧急联系人电话（需查看权限和事由，记入审计日志）',
    permission: 'roster.read',
    scope: 'division',
    params: EntryParams,
    body: RevealEntryBody,
    response: RevealedEntryValue,
  },
  listRosterSettings: {
    method: 'GET',
    path: '/api/roster-settings',
    summary: '各区县的名册设置：街道名册确认后，更正（死亡、迁出等）进入当月更正轮次还是次月名册',
    permission: 'roster.configure',
    scope: 'division',
    response: RosterSettingsView,
  },
  updateRosterSetting: {
    method: 'PUT',
    path: '/api/roster-settings/:districtCode',
    summary: '修改一个区县的名册设置（须带读取时的版本号，他人已修改则拒绝）',
    permission: 'roster.configure',
    scope: 'division',
    params: RosterSettingParams,
    body: UpdateRosterSettingBody,
    response: RosterSettingView,
  },
});
