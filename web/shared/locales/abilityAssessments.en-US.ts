import type { AbilityAssessmentMessages } from './abilityAssessments.zh-CN.ts';

/** The ability-assessment calculator in English: the same keys as abilityAssessments.zh-CN.ts. */
const abilityAssessmentMessages: AbilityAssessmentMessages = {
  abilityAssessment: {
    title: 'Ability assessment',
    intro:
      'Choose the score of each item of the GB/T 42195-2022 form (Annex B); once all 26 are scored, the total, the preliminary level and the final level after the adjustments are calculated. Nothing is saved.',
    domainMax: 'at most {{max}} points',
    answered: '{{count}} of {{total}} items scored',
    total: 'Total',
    runningTotal: 'Items scored so far',
    preliminary: 'Preliminary level',
    final: 'Final level',
    incomplete: 'Score all 26 items',
    adjustmentsTitle: 'Level adjustments',
    coma: 'In a coma',
    comaHint: 'the level is complete loss whatever the score',
    dementia:
      'Diagnosed dementia, or another mental and behavioural disorder diagnosed by a psychiatrist',
    riskEvents: 'Care-risk events in the last 30 days',
    riskEventsHint:
      'falls, choking, suicide attempts, self-harm, wandering off…; {{threshold}} or more raise the level one',
    stacking: 'When both raises apply the level goes up two (at most to complete loss)',
    notStacking: 'When both raises apply the level goes up one only',
    raiseOff: '(not applied in this deployment)',
    applied: 'Applied',
    noneApplied: 'No adjustment',
    fillMax: 'All at the highest',
    clear: 'Clear',
    scoreOf: '{{score}} points',
  },
};

export default abilityAssessmentMessages;
