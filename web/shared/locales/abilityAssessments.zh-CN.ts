/**
 * The ability-assessment calculator (能力评估) in Chinese; zh-CN.ts takes it in as
 * `abilityAssessment`. abilityAssessments.en-US.ts has the same keys (its type is
 * `AbilityAssessmentMessages`). The items, domains and levels are named by the server.
 */
const abilityAssessmentMessages = {
  abilityAssessment: {
    title: '能力评估',
    intro:
      '按《老年人能力评估规范》（GB/T 42195-2022）附录B 逐项选择得分，26 项全部选定后计算总分、初步等级和调整后的最终等级。计算结果不保存。',
    domainMax: '满分 {{max}} 分',
    answered: '已评 {{count}} / {{total}} 项',
    total: '总分',
    runningTotal: '已评项目合计',
    preliminary: '初步等级',
    final: '最终等级',
    incomplete: '请评完全部 26 项',
    adjustmentsTitle: '能力等级变更依据',
    coma: '处于昏迷状态',
    comaHint: '直接评定为能力完全丧失（完全失能）',
    dementia: '确诊为痴呆或精神科专科医生诊断的其他精神和行为障碍',
    riskEvents: '近 30 天内照护风险事件次数',
    riskEventsHint: '如跌倒、噎食、自杀、自伤、走失等，{{threshold}} 次及以上提高一个级别',
    stacking: '两项提高同时满足时提高两个级别（最高为能力完全丧失）',
    notStacking: '两项提高同时满足时只提高一个级别',
    raiseOff: '（本系统未启用）',
    applied: '已适用',
    noneApplied: '无等级调整',
    fillMax: '全部满分',
    clear: '清空',
    scoreOf: '{{score}} 分',
  },
};

export default abilityAssessmentMessages;
export type AbilityAssessmentMessages = typeof abilityAssessmentMessages;
