import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  removalReasons,
  type RemovalReason,
} from '../../../../../../server/modules/rosters/contract.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { MonthPicker } from '../../rosters/components/MonthPicker.tsx';
import { currentMonth } from '../../rosters/month.ts';
import { useProposeRemoval } from '../api.ts';
import { FormError } from '../../../lib/FormError.tsx';

type Values = { removalReason: z.infer<typeof RemovalReason>; removalNote?: string };

/**
 * 移出名册: POST /api/roster-rounds/removals with a reason. The removal goes into the month's roster
 * of the subject's street and takes effect when the street approves it.
 */
export function RemoveFromRosterModal(props: {
  subjectId: string;
  name: string;
  onClose: () => void;
}) {
  const { subjectId, name, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [month, setMonth] = useState(currentMonth);
  const [error, setError] = useState<string | null>(null);
  const propose = useProposeRemoval();

  const submit = async (v: Values) => {
    setError(null);
    try {
      await propose.mutateAsync({
        subjectId,
        removalReason: v.removalReason,
        removalNote: v.removalNote?.trim() || undefined,
        month,
      });
      void message.success(t('rosters.removeProposed', { name }));
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['removalReason', 'removalNote']));
    }
  };

  return (
    <Modal
      open
      title={t('rosters.removeTitle', { name })}
      okText={t('rosters.remove')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={propose.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('rosters.removeHint')}</Typography.Paragraph>
      <FormError message={error} testId="removal-error" />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
      >
        <Form.Item label={t('rosters.uploadMonth')} htmlFor="removal-month">
          <MonthPicker id="removal-month" value={month} onChange={setMonth} />
        </Form.Item>
        <Form.Item
          name="removalReason"
          label={t('rosters.removalReason')}
          rules={[
            {
              required: true,
              message: t('common.requiredChoice', { field: t('rosters.removalReason') }),
            },
          ]}
        >
          <Select
            options={removalReasons.map((r) => ({
              value: r,
              label: t(`rosters.removalReasons.${r}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="removalNote" label={t('rosters.removalNote')}>
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder={t('rosters.removeNotePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
