import { Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  VisitFlag,
  VisitKind,
  VisitOutcome,
  VisitRequirement,
} from '../../../../../server/modules/visits/contract.ts';
import type { VisitView } from './api.ts';

const kindColours: Record<VisitKind, string> = { home: 'green', phone: 'blue', video: 'purple' };
const outcomeColours: Record<VisitOutcome, string> = {
  met: 'success',
  not_home: 'warning',
  refused: 'error',
  moved: 'default',
  deceased: 'default',
};

/** A requirement in words: 每月 1 次（入户、电话）, of which at home. */
export function requirementText(t: TFunction, r: VisitRequirement): string {
  const text = t('visits.policy.requirement', {
    period: t(`visits.policy.periods.${r.period}`),
    visits: r.visits,
    kinds: r.kinds.map((k) => t(`visits.kindsShort.${k}`)).join(t('visits.policy.kindsJoin')),
  });
  return r.homeVisits > 0
    ? text + t('visits.policy.requirementHome', { home: r.homeVisits })
    : text;
}

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

const reviewColours: Record<VisitView['review'], string> = {
  none: 'default',
  flagged: 'warning',
  accepted: 'success',
  returned: 'error',
};

export function ReviewStateTag({ review }: { review: VisitView['review'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={reviewColours[review]} data-testid="review-state">
      {t(`visits.review.states.${review}`)}
    </Tag>
  );
}

/** Why the evidence went to review: 时长过短, 无定位 … */
export function FlagTags({ flags }: { flags: readonly VisitFlag[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap data-testid="review-flags">
      {flags.map((f) => (
        <Tag key={f} bordered={false}>
          {t(`visits.review.flags.${f}`)}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * The ledger's review cell: the state (nothing for a visit that never needed review), the reasons
 * it was flagged, the check-in's distance from home when measured, a returned visit's reason.
 */
export function ReviewCell({ v }: { v: VisitView }) {
  const { t } = useTranslation();
  if (v.review === 'none' && v.distanceMeters === null)
    return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2} style={{ maxWidth: 240 }}>
      <Space size={[0, 4]} wrap>
        {v.review !== 'none' && <ReviewStateTag review={v.review} />}
        <FlagTags flags={v.flags} />
      </Space>
      {v.distanceMeters !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('visits.review.distance', { n: v.distanceMeters })}
        </Typography.Text>
      )}
      {v.review === 'returned' && v.reviewNote && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="review-note">
          {v.reviewNote}
        </Typography.Text>
      )}
    </Space>
  );
}
