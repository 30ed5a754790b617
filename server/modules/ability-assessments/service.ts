import type { Locale } from '../../platform/contract/errors.ts';
import type { BodyOf, ResponseOf } from '../../platform/contract/endpoint.ts';
import type { abilityAssessmentEndpoints } from './contract.ts';
import {
  abilityAdjustmentNames,
  abilityAdjustments,
  abilityDomainCodes,
  abilityDomainNames,
  abilityItems,
  abilityLevelNames,
  abilityLevels,
  allowedScores,
  scoreAbility,
  type AbilitySettings,
} from './scoring.ts';

type Endpoints = typeof abilityAssessmentEndpoints;

/** The assessment form in the caller's language, and how this deployment adjusts the level. */
export function abilityCatalogue(
  locale: Locale,
  settings: AbilitySettings,
): ResponseOf<Endpoints['listAbilityItems']> {
  return {
    domains: abilityDomainCodes.map((code) => {
      const items = abilityItems.filter((i) => i.domain === code);
      return {
        code,
        name: abilityDomainNames[code][locale],
        max: items.reduce((sum, i) => sum + i.max, 0),
        items: items.map((i) => ({
          code: i.code,
          name: i.name[locale],
          max: i.max,
          scores: allowedScores(i),
        })),
      };
    }),
    levels: abilityLevels.map((level) => ({ level, name: abilityLevelNames[level][locale] })),
    adjustments: abilityAdjustments.map((code) => ({
      code,
      name: abilityAdjustmentNames[code][locale],
    })),
    settings: { ...settings },
  };
}

/** The score of one assessment's answers (checked by the contract); nothing is stored. */
export function scoreAssessment(
  body: BodyOf<Endpoints['scoreAbilityAssessment']>,
  settings: AbilitySettings,
): ResponseOf<Endpoints['scoreAbilityAssessment']> {
  const { answers, coma, dementiaOrMental, riskEvents30d } = body;
  return scoreAbility(answers, { coma, dementiaOrMental, riskEvents30d }, settings);
}
