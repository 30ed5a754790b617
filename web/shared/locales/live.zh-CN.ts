/**
 * Live events (实时推送) in the console's top bar and its notifications, in Chinese; zh-CN.ts takes
 * them in as `live`. live.en-US.ts has the same keys. `types` names each event type as the server's
 * catalogue does (a test compares them).
 */
const liveMessages = {
  live: {
    connected: '实时',
    connecting: '连接中',
    reconnecting: '重连中',
    connectedHint: '已连接，有新消息时会提醒',
    reconnectingHint: '连接已断开，正在重新连接；恢复后会补发期间的消息',
    open: '查看',
    month: '{{month}} 月份',
    escalated: '{{count}} 条逾期未探访已上报至{{level}}',
    types: {
      'roster_round.submitted': '名册已提交待审核',
      'roster_round.reopened': '名册已撤回提交，重新编制',
      'roster_round.approved': '名册已确认',
      'roster_round.returned': '名册已退回修改',
      'export_request.requested': '新的导出申请待审批',
      'export_request.approved': '导出申请已批准',
      'export_request.refused': '导出申请被驳回',
      'export_request.ready': '导出文件已可下载',
      'export_request.failed': '导出文件未能生成，请重新申请',
      'emergency.opened': '新的应急事件待接手',
      'emergency.taken': '应急事件已有人接手',
      'emergency.closed': '应急事件已办结',
      'visit_due.escalated': '有逾期未探访的对象上报',
      'visit_due.triggered': '有对象须在规定时间内探访',
    },
    unknownType: '有新消息',
  },
};

export default liveMessages;
export type LiveMessages = typeof liveMessages;
