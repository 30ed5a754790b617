import { defineErrors } from './errors.ts';

/**
 * Unmasked exports (security.md row 15): up to the configured number of people a module's export
 * is made at once (with a reason, audited); beyond it only through an export request that a
 * district officer approves (the export-requests module), and every module says so with this code.
 */
export const ExportError = defineErrors('export', {
  approval_required: {
    status: 403,
    'zh-CN':
      '完整导出超过 {max} 人（本次 {people} 人）须经区级审批：请提交导出申请，批准后在有效期内下载一次',
    'en-US':
      'A full export of more than {max} people ({people} here) needs a district officer’s approval: request it, then download the file once while it is valid',
  },
});
