import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emergencyKinds } from '../../../../../../server/modules/emergencies/contract.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { FormError } from '../../../lib/FormError.tsx';
import { useDebouncedValue } from '../../../lib/useDebouncedValue.ts';
import { useSubjects } from '../../subjects/api.ts';
import { useRecordEmergency, type EmergencyDetail } from '../api.ts';
import { CallFields, callBody, type CallValues } from './CallFields.tsx';

type Values = {
  subjectId: string;
  kind: (typeof emergencyKinds)[number];
  occurredAt: dayjs.Dayjs;
  whatHappened: string;
  actionsTaken?: string;
  calls?: CallValues[];
};

const formFields = ['subjectId', 'kind', 'occurredAt', 'whatHappened', 'actionsTaken'];

/** 记录应急事件 by hand: whom, what, when, the calls made so far and what was done on the spot. */
export function RecordEmergencyModal(props: {
  /** Recorded from a household's file: its members to choose from (the first chosen). */
  members?: { id: string; name: string }[];
  onClose: () => void;
  onRecorded?: (e: EmergencyDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const search = useDebouncedValue(q.trim());
  const subjects = useSubjects({ q: search || undefined, pageSize: 20 }, !props.members);
  const record = useRecordEmergency();

  const submit = async () => {
    setError(null);
    const v = await form.validateFields();
    try {
      const done = await record.mutateAsync({
        subjectId: v.subjectId,
        kind: v.kind,
        occurredAt: v.occurredAt.toISOString(),
        whatHappened: v.whatHappened.trim(),
        ...(v.actionsTaken?.trim() ? { actionsTaken: v.actionsTaken.trim() } : {}),
        calls: (v.calls ?? []).filter((c) => c?.party).map(callBody),
      });
      void message.success(t('emergencies.recorded'));
      props.onRecorded?.(done);
      props.onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, formFields));
    }
  };

  const required = (field: string) => ({
    required: true,
    message: t('emergencies.required', {
      field: t(`emergencies.fields.${field}` as 'emergencies.fields.kind'),
    }),
  });
  const options = props.members
    ? props.members.map((m) => ({ value: m.id, label: m.name }))
    : (subjects.data?.items ?? []).map((s) => ({
        value: s.id,
        label: `${s.name} · ${s.divisionName ?? s.divisionCode}`,
      }));

  return (
    <Modal
      open
      title={t('emergencies.recordTitle')}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('emergencies.record')}
      okButtonProps={{ loading: record.isPending, danger: true, id: 'emergency-record-submit' }}
      destroyOnHidden
      width={720}
    >
      <FormError message={error} testId="emergency-record-error" />
      <Form
        form={form}
        layout="vertical"
        onValuesChange={() => setError(null)}
        initialValues={{
          occurredAt: dayjs(),
          ...(props.members?.[0] ? { subjectId: props.members[0].id } : {}),
        }}
      >
        <Form.Item
          name="subjectId"
          label={t('emergencies.fields.subject')}
          rules={[required('subject')]}
        >
          <Select
            showSearch
            filterOption={props.members ? undefined : false}
            onSearch={props.members ? undefined : setQ}
            loading={subjects.isFetching}
            placeholder={t('emergencies.fields.subjectHint')}
            options={options}
            data-testid="emergency-subject"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('emergencies.fields.kind')} rules={[required('kind')]}>
          <Select
            data-testid="emergency-kind"
            options={emergencyKinds.map((k) => ({ value: k, label: t(`emergencies.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="occurredAt"
          label={t('emergencies.fields.occurredAt')}
          rules={[required('occurredAt')]}
        >
          <DatePicker showTime disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item
          name="whatHappened"
          label={t('emergencies.fields.whatHappened')}
          rules={[
            required('whatHappened'),
            {
              min: 2,
              message: t('emergencies.atLeast', { field: t('emergencies.fields.whatHappened') }),
            },
          ]}
        >
          <Input.TextArea id="emergency-what" rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="actionsTaken" label={t('emergencies.fields.actionsTaken')}>
          <Input.TextArea id="emergency-actions" rows={2} maxLength={2000} />
        </Form.Item>
        <Form.List name="calls">
          {(fields, { add, remove }) => (
            <Form.Item label={t('emergencies.fields.calls')}>
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  extra={
                    <Button
                      type="text"
                      size="small"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(f.name)}
                    >
                      {t('emergencies.removeCallRow')}
                    </Button>
                  }
                >
                  <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
                    <CallFields name={f.name} />
                  </div>
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                {t('emergencies.addCallRow')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
