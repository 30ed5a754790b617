import { App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  visitKinds,
  visitOutcomes,
  type VisitKind,
  type VisitOutcome,
} from '../../../../../../server/modules/visits/contract.ts';
import { FormError } from '../../../lib/FormError.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useRecordVisit } from '../api.ts';
import { CarePlanSummary } from './CarePlanSummary.tsx';
import { SubjectPicker, type SubjectOption } from './SubjectPicker.tsx';

type Values = {
  subjectId: string;
  kind: VisitKind;
  time: [Dayjs, Dayjs];
  outcome: VisitOutcome;
  note?: string;
};

/**
 * 记录电话探访: a visit made by phone (or video, or at home) entered at the desk. POST /api/visits;
 * `call` keeps the submission's Idempotency-Key across retries, so a double click records once.
 */
export function RecordVisitModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  // the picked subject's household, whose care plan the form shows
  const [householdId, setHouseholdId] = useState<string | null>(null);
  const [initial] = useState(() => {
    const now = dayjs().second(0).millisecond(0);
    return {
      kind: 'phone' as const,
      outcome: 'met' as const,
      time: [now.subtract(10, 'minute'), now],
    };
  });
  const record = useRecordVisit();

  const submit = async (v: Values) => {
    setError(null);
    try {
      const saved = await record.mutateAsync({
        subjectId: v.subjectId,
        kind: v.kind,
        startedAt: v.time[0].toISOString(),
        endedAt: v.time[1].toISOString(),
        outcome: v.outcome,
        note: v.note?.trim() || undefined,
      });
      void message.success(
        t('visits.recordForm.saved', {
          name: saved.subjectName,
          kind: t(`visits.kinds.${saved.kind}`),
        }),
      );
      onClose();
    } catch (err) {
      setError(
        applyServerErrors(form, err, ['subjectId', 'kind', 'time', 'outcome', 'note'], {
          startedAt: 'time',
          endedAt: 'time',
        }),
      );
    }
  };

  return (
    <Modal
      open
      title={t('visits.recordForm.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ id: 'record-visit-submit' }}
      destroyOnHidden
      width={560}
    >
      <FormError message={error} testId="record-visit-error" />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
        data-testid="record-visit-form"
      >
        <Form.Item
          name="subjectId"
          label={t('visits.recordForm.subject')}
          rules={[
            {
              required: true,
              message: t('common.requiredChoice', { field: t('visits.recordForm.subject') }),
            },
          ]}
        >
          <SubjectPicker<string>
            onChange={(_, option) =>
              setHouseholdId(
                ([] as (SubjectOption | undefined)[]).concat(option)[0]?.householdId ?? null,
              )
            }
          />
        </Form.Item>
        {householdId && <CarePlanSummary householdId={householdId} />}
        <Form.Item name="kind" label={t('visits.recordForm.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['phone', 'video', 'home'] as const)
              .filter((k) => visitKinds.includes(k))
              .map((k) => ({ value: k, label: t(`visits.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="time"
          label={t('visits.recordForm.time')}
          rules={[
            {
              required: true,
              message: t('common.requiredChoice', { field: t('visits.recordForm.time') }),
            },
          ]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={[t('visits.recordForm.start'), t('visits.recordForm.end')]}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="outcome"
          label={t('visits.recordForm.outcome')}
          rules={[{ required: true }]}
        >
          <Select
            options={visitOutcomes.map((o) => ({ value: o, label: t(`visits.outcomes.${o}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('visits.recordForm.note')}>
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
