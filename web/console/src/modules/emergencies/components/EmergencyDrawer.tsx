import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { FormError } from '../../../lib/FormError.tsx';
import {
  useAddEmergencyCall,
  useCloseEmergency,
  useEmergency,
  useTakeEmergency,
  type EmergencyDetail,
} from '../api.ts';
import { CallFields, callBody, type CallValues } from './CallFields.tsx';

export const statusColours: Record<EmergencyDetail['status'], string> = {
  open: 'red',
  taken: 'orange',
  closed: 'default',
};

const personName = (p: EmergencyDetail['reportedBy']) => (p ? (p.name ?? p.id) : '—');

/** One emergency: what happened, the call log, and what the caller may do (接手, 登记联系, 办结). */
export function EmergencyDrawer(props: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useEmergency(props.id);
  const e = detail.data;
  return (
    <Drawer
      open
      width={720}
      title={t('emergencies.detailTitle')}
      onClose={props.onClose}
      data-testid="emergency-drawer"
    >
      {detail.isError && <Alert type="error" showIcon title={errorMessage(detail.error)} />}
      {!e ? (
        <Skeleton active />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('emergencies.columns.subject')}>
              <Space size={4}>
                {e.subjectName}
                <Link to={`/households/${e.householdId}`}>{t('emergencies.openHousehold')}</Link>
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('emergencies.columns.status')}>
              <Tag color={statusColours[e.status]} data-testid="emergency-status">
                {t(`emergencies.statuses.${e.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('emergencies.columns.kind')}>
              {t(`emergencies.kinds.${e.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('emergencies.fields.source')}>
              {t(`emergencies.sources.${e.source}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('emergencies.columns.occurredAt')}>
              {formatDateTime(e.occurredAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('emergencies.columns.division')}>
              {e.divisionName ?? e.divisionCode}
            </Descriptions.Item>
            <Descriptions.Item label={t('emergencies.columns.reportedBy')}>
              {personName(e.reportedBy)} · {formatDateTime(e.reportedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('emergencies.columns.takenBy')}>
              {e.takenBy ? `${personName(e.takenBy)} · ${formatDateTime(e.takenAt)}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('emergencies.fields.whatHappened')} span={2}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                {e.whatHappened}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('emergencies.fields.actionsTaken')} span={2}>
              {e.actionsTaken ?? '—'}
            </Descriptions.Item>
            {e.status === 'closed' && (
              <Descriptions.Item label={t('emergencies.fields.outcome')} span={2}>
                {e.outcome} · {personName(e.closedBy)} · {formatDateTime(e.closedAt)}
              </Descriptions.Item>
            )}
          </Descriptions>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="emergency-calls"
            locale={{ emptyText: t('emergencies.noCalls') }}
            title={() => t('emergencies.fields.calls')}
            dataSource={e.calls}
            columns={[
              {
                title: t('emergencies.fields.calledAt'),
                dataIndex: 'calledAt',
                render: (v: string) => formatDateTime(v),
              },
              {
                title: t('emergencies.fields.party'),
                dataIndex: 'party',
                render: (p: EmergencyDetail['calls'][number]['party']) =>
                  t(`emergencies.parties.${p}`),
              },
              {
                title: t('emergencies.fields.reached'),
                dataIndex: 'reached',
                render: (r: boolean) =>
                  r ? t('emergencies.reachedYes') : t('emergencies.reachedNo'),
              },
              {
                title: t('emergencies.fields.note'),
                dataIndex: 'note',
                render: (n: string | null) => n ?? '—',
              },
            ]}
          />
          <Actions emergency={e} />
        </Space>
      )}
    </Drawer>
  );
}

function Actions({ emergency: e }: { emergency: EmergencyDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const take = useTakeEmergency();
  const addCall = useAddEmergencyCall();
  const close = useCloseEmergency();
  const [callForm] = Form.useForm<CallValues>();
  const [closeForm] = Form.useForm<{ outcome: string }>();
  const [error, setError] = useState<string | null>(null);
  const may = (a: EmergencyDetail['allowedActions'][number]) => e.allowedActions.includes(a);

  return (
    <>
      <FormError message={error} testId="emergency-action-error" />
      {may('take') && (
        <Button
          type="primary"
          danger
          size="large"
          loading={take.isPending}
          data-testid="emergency-take"
          onClick={() =>
            take.mutate(
              { id: e.id, version: e.version },
              {
                onSuccess: () => void message.success(t('emergencies.taken')),
                onError: (err) => setError(errorMessage(err)),
              },
            )
          }
        >
          {t('emergencies.take')}
        </Button>
      )}
      {may('call') && (
        <Form
          form={callForm}
          layout="inline"
          onFinish={(v) =>
            addCall.mutate(
              { id: e.id, ...callBody(v) },
              {
                onSuccess: () => {
                  callForm.resetFields();
                  void message.success(t('emergencies.callAdded'));
                },
                onError: (err) =>
                  setError(applyServerErrors(callForm, err, ['party', 'calledAt', 'note'])),
              },
            )
          }
          style={{ rowGap: 8 }}
        >
          <CallFields testId="emergency-call" />
          <Button htmlType="submit" loading={addCall.isPending} data-testid="emergency-call-submit">
            {t('emergencies.addCall')}
          </Button>
        </Form>
      )}
      {may('close') && (
        <Form
          form={closeForm}
          layout="vertical"
          onFinish={(v) =>
            close.mutate(
              { id: e.id, outcome: v.outcome.trim(), version: e.version },
              {
                onSuccess: () => void message.success(t('emergencies.closed')),
                onError: (err) => setError(applyServerErrors(closeForm, err, ['outcome'])),
              },
            )
          }
        >
          <Form.Item
            name="outcome"
            label={t('emergencies.fields.outcome')}
            rules={[
              {
                required: true,
                message: t('emergencies.required', { field: t('emergencies.fields.outcome') }),
              },
              {
                min: 2,
                message: t('emergencies.atLeast', { field: t('emergencies.fields.outcome') }),
              },
            ]}
          >
            <Input.TextArea id="emergency-outcome" rows={3} maxLength={2000} />
          </Form.Item>
          <Button
            htmlType="submit"
            type="primary"
            loading={close.isPending}
            data-testid="emergency-close"
          >
            {t('emergencies.close')}
          </Button>
        </Form>
      )}
    </>
  );
}
