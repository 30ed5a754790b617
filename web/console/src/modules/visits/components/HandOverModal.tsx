import { App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../lib/FormError.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useHandOver, type VisitorView } from '../api.ts';
import { VisitorSelect } from './VisitorSelect.tsx';

/** 交接: every subject of a visitor goes to another (POST /api/assignments/hand-over). */
export function HandOverModal({ visitor, onClose }: { visitor: VisitorView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ toVisitorId: string }>();
  const [error, setError] = useState<string | null>(null);
  const handOver = useHandOver();

  const submit = async (v: { toVisitorId: string }) => {
    setError(null);
    try {
      const result = await handOver.mutateAsync({
        fromVisitorId: visitor.id,
        toVisitorId: v.toVisitorId,
      });
      void message.success(t('visits.visitors.handedOver', result));
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['toVisitorId']));
    }
  };

  return (
    <Modal
      open
      title={t('visits.visitors.handOverTitle', { name: visitor.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={handOver.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('visits.visitors.handOverHint', { name: visitor.name })}
      </Typography.Paragraph>
      <FormError message={error} testId="hand-over-error" />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="toVisitorId"
          label={t('visits.visitors.toVisitor')}
          rules={[
            {
              required: true,
              message: t('common.requiredChoice', { field: t('visits.visitors.toVisitor') }),
            },
          ]}
        >
          <VisitorSelect exclude={visitor.id} placeholder={t('visits.visitors.toVisitor')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
