import { EditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  serviceNeeds,
  type VisitRequirement,
} from '../../../../../../server/modules/visits/contract.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { FormError } from '../../../lib/FormError.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useCarePlan, useSaveCarePlan, type CarePlanView } from '../api.ts';
import { requirementText } from '../labels.tsx';
import { RequirementFields } from './RequirementFields.tsx';

type Values = {
  goals: string;
  services: CarePlanView['services'];
  agreed: boolean;
  rhythm?: VisitRequirement;
  reviewOn: Dayjs;
  note?: string;
};

const defaultRhythm: VisitRequirement = {
  period: 'week',
  visits: 1,
  kinds: ['home'],
  homeVisits: 1,
};

/** 编辑一户一策: from the version shown; someone else's save meanwhile is refused (409). */
function CarePlanModal(props: {
  householdId: string;
  plan: CarePlanView | null;
  onClose: () => void;
}) {
  const { householdId, plan, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveCarePlan(householdId);
  const [error, setError] = useState<string | null>(null);
  const agreed = Form.useWatch('agreed', form);
  const submit = async (v: Values) => {
    setError(null);
    try {
      await save.mutateAsync({
        goals: v.goals,
        services: v.services ?? [],
        rhythm: v.agreed && v.rhythm ? v.rhythm : null,
        reviewOn: v.reviewOn.format('YYYY-MM-DD'),
        ...(v.note ? { note: v.note } : {}),
        ...(plan ? { baseVersion: plan.version } : {}),
      });
      void message.success(t('visits.plan.saved'));
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['goals', 'services', 'reviewOn', 'note']));
    }
  };
  return (
    <Modal
      open
      width={760}
      title={t('visits.plan.edit')}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, id: 'care-plan-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          goals: plan?.goals ?? '',
          services: plan?.services ?? [],
          agreed: Boolean(plan?.rhythm),
          rhythm: plan?.rhythm ?? defaultRhythm,
          reviewOn: dayjs(plan?.reviewOn ?? dayjs().add(6, 'month').format('YYYY-MM-DD')),
          note: plan?.note ?? undefined,
        }}
      >
        <FormError message={error} testId="care-plan-error" />
        <Form.Item
          name="goals"
          label={t('visits.plan.goals')}
          rules={[{ required: true, whitespace: true, message: t('visits.plan.goalsRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="services" label={t('visits.plan.services')}>
          <Select
            mode="multiple"
            allowClear
            options={serviceNeeds.map((n) => ({
              value: n,
              label: t(`visits.detail.needList.${n}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="agreed" label={t('visits.plan.rhythm')} valuePropName="checked">
          <Switch
            checkedChildren={t('visits.plan.rhythmAgreed')}
            unCheckedChildren={t('visits.plan.rhythmPolicy')}
          />
        </Form.Item>
        {agreed && (
          <Row gutter={12} wrap={false}>
            <RequirementFields name={['rhythm']} path={['rhythm']} />
          </Row>
        )}
        <Form.Item
          name="reviewOn"
          label={t('visits.plan.reviewOn')}
          rules={[{ required: true, message: t('visits.plan.reviewOn') }]}
        >
          <DatePicker />
        </Form.Item>
        <Form.Item name="note" label={t('visits.plan.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * A plan's goals, the services agreed, the rhythm and the review date, read-only; in full (the
 * household's file) also its note and who changed it last.
 */
export function CarePlanDetails({ plan, compact }: { plan: CarePlanView; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Descriptions size="small" column={1} data-testid="care-plan-details">
      <Descriptions.Item label={t('visits.plan.goals')}>
        <span data-testid="care-plan-goals">{plan.goals}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('visits.plan.services')}>
        <span data-testid="care-plan-services">
          {plan.services.length ? (
            <Space size={[0, 4]} wrap>
              {plan.services.map((n) => (
                <Tag key={n}>{t(`visits.detail.needList.${n}`)}</Tag>
              ))}
            </Space>
          ) : (
            t('common.none')
          )}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('visits.plan.rhythm')}>
        <span data-testid="care-plan-rhythm">
          {plan.rhythm ? requirementText(t, plan.rhythm) : t('visits.plan.rhythmPolicy')}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('visits.plan.reviewOn')}>
        <Space size={4} data-testid="care-plan-review">
          {plan.reviewOn}
          {plan.reviewDue && <Tag color="warning">{t('visits.plan.reviewDue')}</Tag>}
        </Space>
      </Descriptions.Item>
      {!compact && plan.note && (
        <Descriptions.Item label={t('visits.plan.note')}>{plan.note}</Descriptions.Item>
      )}
      {!compact && (
        <Descriptions.Item label={t('visits.plan.updated')}>
          <Typography.Text type="secondary">
            {t('visits.plan.updatedText', {
              version: plan.version,
              name: plan.updatedByName ?? t('common.none'),
              at: formatDateTime(plan.updatedAt),
            })}
          </Typography.Text>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** 一户一策 on the household's file: the goals, the services agreed, the rhythm, the review. */
export function CarePlanCard({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const plan = useCarePlan(householdId);
  const [editing, setEditing] = useState(false);
  const current = plan.data?.plan ?? null;
  const canEdit = hasPermission(me, 'visit.plan');
  return (
    <Card
      size="small"
      title={t('visits.plan.title')}
      data-testid="care-plan"
      extra={
        canEdit &&
        plan.data && (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(true)}
            data-testid="care-plan-edit"
          >
            {current ? t('visits.plan.edit') : t('visits.plan.create')}
          </Button>
        )
      }
    >
      {plan.isError && <Alert type="error" showIcon title={errorMessage(plan.error)} />}
      {plan.isPending && <Skeleton active />}
      {plan.data && !current && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.plan.none')} />
      )}
      {current && <CarePlanDetails plan={current} />}
      {editing && plan.data && (
        <CarePlanModal householdId={householdId} plan={current} onClose={() => setEditing(false)} />
      )}
    </Card>
  );
}
