import { useTranslation } from 'react-i18next';
import type { CareLevelReasonCode } from '../../../../../server/modules/care-levels/contract.ts';

type Reasoned = { reason: string | null; reasonCode: CareLevelReasonCode | null };

/**
 * A rule's or a suggestion's reason in the user's language: the V4 defaults' reasons are codes
 * (careRules.reasons), a reason an administrator wrote is shown as written.
 */
export function useReasonText() {
  const { t } = useTranslation();
  return (r: Reasoned): string | null =>
    r.reasonCode ? t(`careRules.reasons.${r.reasonCode}`) : r.reason;
}
