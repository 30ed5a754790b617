import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VisitKind, VisitOutcome } from '../../../../../server/modules/visits/contract.ts';

const kindColours: Record<VisitKind, string> = { home: 'green', phone: 'blue', video: 'purple' };
const outcomeColours: Record<VisitOutcome, string> = {
  met: 'success',
  not_home: 'warning',
  refused: 'error',
  moved: 'default',
  deceased: 'default',
};

export function VisitKindTag({ kind }: { kind: VisitKind }) {
  const { t } = useTranslation();
  return <Tag color={kindColours[kind]}>{t(`visits.kinds.${kind}`)}</Tag>;
}

export function OutcomeTag({ outcome }: { outcome: VisitOutcome }) {
  const { t } = useTranslation();
  return <Tag color={outcomeColours[outcome]}>{t(`visits.outcomes.${outcome}`)}</Tag>;
}

export const bucketColours = {
  overdue: 'red',
  today: 'orange',
  week: 'blue',
  later: 'default',
} as const;
