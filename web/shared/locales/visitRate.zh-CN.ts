/**
 * 探访率 (the monthly visit rate) in Chinese; zh-CN.ts takes them in as `visitRate`.
 * visitRate.en-US.ts has the same keys. The care levels are `subjects.careLevels`.
 */
const visitRateMessages = {
  visitRate: {
    title: '探访率',
    intro:
      '每月在册服务对象中，当月见到本人（入户、电话或视频）的比例，目标 100%。按下一级区划和关爱等级统计。',
    month: '月份',
    divisionPlaceholder: '选择区域（默认本人范围）',
    print: '打印',
    target: '目标 100%',
    summary: '{{month}} · {{area}}：已探访 {{visited}} / {{covered}} 人，探访率 {{rate}}',
    scopeArea: '本人范围',
    sheetTitle: '{{month}}探访率统计表',
    printedAt: '打印时间：{{at}}',
    empty: '该月该区域没有在册服务对象',
    columns: {
      area: '区域',
      street: '街道',
      community: '社区',
      district: '区县',
      covered: '在册',
      visited: '已探访',
      homeVisited: '入户',
      rate: '探访率',
      all: '合计',
    },
    totalsRow: '合计',
  },
};

export default visitRateMessages;
export type VisitRateMessages = typeof visitRateMessages;
