import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { careLevels } from '../../../../../../server/modules/subjects/contract.ts';
import type { VisitRequirement } from '../../../../../../server/modules/visits/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import { FormError } from '../../../lib/FormError.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { shanghaiToday } from '../../subjects/dates.ts';
import { useCampaignActions, useCampaigns, type CampaignView } from '../api.ts';
import { requirementText } from '../labels.tsx';
import { RequirementFields } from './RequirementFields.tsx';

type Values = {
  name: string;
  divisionCode: string;
  days: [Dayjs, Dayjs];
  levels: CampaignView['levels'];
  requirement: VisitRequirement;
};

function CampaignModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { create } = useCampaignActions();
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setError(null);
    try {
      const made = await create.mutateAsync({
        name: v.name,
        divisionCode: v.divisionCode,
        from: v.days[0].format('YYYY-MM-DD'),
        to: v.days[1].format('YYYY-MM-DD'),
        levels: v.levels ?? [],
        requirement: v.requirement,
      });
      void message.success(t('visits.campaigns.created', { name: made.name }));
      onClose();
    } catch (err) {
      setError(
        applyServerErrors(form, err, ['name', 'divisionCode'], { from: 'days', to: 'days' }),
      );
    }
  };
  const today = shanghaiToday();
  return (
    <Modal
      open
      width={760}
      title={t('visits.campaigns.create')}
      okButtonProps={{ loading: create.isPending, id: 'campaign-submit' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          levels: [],
          requirement: { period: 'week', visits: 1, kinds: ['home'], homeVisits: 1 },
        }}
      >
        <FormError message={error} testId="campaign-error" />
        <Form.Item
          name="name"
          label={t('visits.campaigns.name')}
          rules={[
            { required: true, whitespace: true, message: t('visits.campaigns.nameRequired') },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('visits.campaigns.area')}
          rules={[{ required: true, message: t('visits.campaigns.areaRequired') }]}
        >
          <DivisionTreeSelect id="campaign-division" />
        </Form.Item>
        <Form.Item
          name="days"
          label={t('visits.campaigns.days')}
          rules={[{ required: true, message: t('visits.campaigns.daysRequired') }]}
        >
          <DatePicker.RangePicker
            id="campaign-days"
            disabledDate={(d) => d.format('YYYY-MM-DD') < today}
          />
        </Form.Item>
        <Form.Item name="levels" label={t('visits.campaigns.levels')}>
          <Select
            mode="multiple"
            allowClear
            placeholder={t('visits.campaigns.allLevels')}
            options={careLevels.map((l) => ({ value: l, label: t(`subjects.careLevels.${l}`) }))}
          />
        </Form.Item>
        <Typography.Text strong>{t('visits.campaigns.requirement')}</Typography.Text>
        <Row gutter={12} wrap={false}>
          <RequirementFields name={['requirement']} path={['requirement']} />
        </Row>
      </Form>
    </Modal>
  );
}

function state(c: CampaignView, today: string) {
  if (c.cancelled) return 'cancelled' as const;
  if (c.to < today) return 'ended' as const;
  return c.from > today ? ('upcoming' as const) : ('running' as const);
}
const stateColours = {
  running: 'processing',
  upcoming: 'blue',
  ended: 'default',
  cancelled: 'default',
} as const;

/** 专项巡访: visits raised for a time and an area; the district starts and cancels them. */
export function CampaignsCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const campaigns = useCampaigns(canEdit);
  const { cancel } = useCampaignActions();
  const [creating, setCreating] = useState(false);
  const today = shanghaiToday();
  if (!canEdit) return null;
  return (
    <Card
      title={t('visits.campaigns.title')}
      data-testid="campaigns"
      extra={
        <Button
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="campaign-create"
        >
          {t('visits.campaigns.create')}
        </Button>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('visits.campaigns.intro')}</Typography.Text>
        {campaigns.isError && <Alert type="error" showIcon title={errorMessage(campaigns.error)} />}
        <Table<CampaignView>
          size="small"
          rowKey="id"
          loading={campaigns.isPending}
          dataSource={campaigns.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: t('visits.campaigns.none') }}
          columns={[
            { title: t('visits.campaigns.name'), dataIndex: 'name' },
            {
              title: t('visits.campaigns.area'),
              key: 'area',
              render: (_, c) => c.divisionName ?? c.divisionCode,
            },
            {
              title: t('visits.campaigns.days'),
              key: 'days',
              render: (_, c) => `${c.from} ~ ${c.to}`,
            },
            {
              title: t('visits.campaigns.levels'),
              key: 'levels',
              render: (_, c) =>
                c.levels.length
                  ? c.levels.map((l) => t(`subjects.careLevels.${l}`)).join('、')
                  : t('visits.campaigns.allLevels'),
            },
            {
              title: t('visits.campaigns.requirement'),
              key: 'requirement',
              render: (_, c) => requirementText(t, c.requirement),
            },
            {
              title: t('visits.campaigns.state'),
              key: 'state',
              render: (_, c) => {
                const s = state(c, today);
                return <Tag color={stateColours[s]}>{t(`visits.campaigns.${s}`)}</Tag>;
              },
            },
            {
              key: 'actions',
              render: (_, c) =>
                !c.cancelled &&
                c.to >= today && (
                  <Popconfirm
                    title={t('visits.campaigns.cancelConfirm', { name: c.name })}
                    onConfirm={async () => {
                      try {
                        await cancel.mutateAsync(c.id);
                        void message.success(t('visits.campaigns.cancelledDone', { name: c.name }));
                      } catch (err) {
                        void message.error(errorMessage(err));
                      }
                    }}
                  >
                    <Button size="small" danger>
                      {t('visits.campaigns.cancel')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Space>
      {creating && <CampaignModal onClose={() => setCreating(false)} />}
    </Card>
  );
}
