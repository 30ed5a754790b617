/**
 * The roster's Excel export, in Chinese; zh-CN.ts takes it in as `subjectExport`.
 * subjectExport.en-US.ts has the same keys.
 */
const subjectExportMessages = {
  subjectExport: {
    button: '导出 Excel',
    masked: '脱敏导出',
    full: '完整导出',
    fullTitle: '完整导出服务对象名册',
    fullHint: '完整导出包含完整的身份证号和电话，请填写事由（至少 2 个字），导出记入审计日志',
    reason: '导出事由',
    submit: '导出',
    exported: '已导出 {{name}}',
    fileName: '服务对象名册-{{date}}.xlsx',
  },
};

export default subjectExportMessages;
export type SubjectExportMessages = typeof subjectExportMessages;
