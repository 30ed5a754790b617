/**
 * Export requests (导出申请: unmasked exports above the threshold, approved by the district), in
 * Chinese; zh-CN.ts takes them in as `exportRequests`. exportRequests.en-US.ts has the same keys.
 */
const exportRequestMessages = {
  exportRequests: {
    title: '导出申请',
    intro:
      '人数较多的完整导出（含完整身份证号、电话、住址）须经区级审批：批准后生成文件，申请人在有效期内可下载一次，每一步都记入审计日志。',
    mine: '我的申请',
    toDecide: '待我审批',
    empty: '暂无导出申请',
    kinds: { subjects: '服务对象名册', roster_round: '月度名册变更' },
    statuses: {
      requested: '待审批',
      approved: '已批准',
      refused: '已驳回',
      downloaded: '已下载',
      expired: '已过期',
      failed: '生成失败',
    },
    preparing: '文件生成中',
    columns: {
      requestedAt: '申请时间',
      kind: '导出内容',
      scope: '范围',
      people: '人数',
      reason: '事由',
      requester: '申请人',
      status: '状态',
      expiresAt: '下载有效期至',
      decision: '审批意见',
    },
    people: '{{count}} 人',
    month: '{{month}} 月份',
    download: '下载',
    downloaded: '已下载 {{name}}（仅可下载一次）',
    fileName: '导出文件.xlsx',
    decide: '审批',
    decideTitle: '审批导出申请',
    filters: '筛选条件',
    noFilters: '无（范围内全部）',
    note: '审批意见',
    noteHint: '驳回须填写意见（至少 2 个字）；批准可不填',
    approve: '批准',
    refuse: '驳回',
    approved: '已批准，文件生成后申请人可下载一次',
    refused: '已驳回',
    // the export dialogs
    dialogHint: '超过规定人数的完整导出须经区级审批，批准后在有效期内下载一次。',
    needsApproval: '需要审批',
    submitRequest: '提交审批申请',
    requested: '已提交导出申请，批准后可在“导出申请”页下载',
  },
};

export default exportRequestMessages;
export type ExportRequestMessages = typeof exportRequestMessages;
