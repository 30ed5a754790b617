import { Alert, Card, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { useCarePlan } from '../api.ts';
import { CarePlanDetails } from './CarePlanCard.tsx';

/**
 * 一户一策 in the form that records a visit: what the subject's household agreed (the goals, the
 * services, the rhythm, the review date), compact and read-only, or that it has none and is
 * visited as the policy says. The household's file edits it.
 */
export function CarePlanSummary({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const plan = useCarePlan(householdId);
  const current = plan.data?.plan ?? null;
  return (
    <Card
      size="small"
      type="inner"
      title={t('visits.plan.title')}
      data-testid="visit-care-plan"
      style={{ marginBottom: 16 }}
    >
      {plan.isError && <Alert type="warning" showIcon title={errorMessage(plan.error)} />}
      {plan.isPending && <Skeleton active title={false} paragraph={{ rows: 2 }} />}
      {plan.data && !current && (
        <Typography.Text type="secondary" data-testid="care-plan-none">
          {t('visits.plan.noneForVisit')}
        </Typography.Text>
      )}
      {current && <CarePlanDetails plan={current} compact />}
    </Card>
  );
}
