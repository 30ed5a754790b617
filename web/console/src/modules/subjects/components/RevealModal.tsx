import { Alert, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useRevealSubject, type RevealableField } from '../api.ts';

export type RevealTarget = { subjectId: string; name: string; field: RevealableField };

/**
 * POST /api/subjects/:id/reveal with a reason: one field in full (ID number, phone, address), the
 * read written to the audit log. The address is the household's, asked for through a member.
 */
export function RevealModal({ target, onClose }: { target: RevealTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const reveal = useRevealSubject();
  const shown = reveal.data;
  const fieldName = t(`households.revealFields.${target.field}`);

  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    try {
      await reveal.mutateAsync({ id: target.subjectId, field: target.field, reason });
    } catch (err) {
      setError(applyServerErrors(form, err, ['reason']));
    }
  };

  return (
    <Modal
      open
      title={t('households.revealTitle', { name: target.name, field: fieldName })}
      okText={shown ? t('common.close') : t('households.revealSubmit')}
      cancelText={t('common.cancel')}
      cancelButtonProps={shown ? { style: { display: 'none' } } : undefined}
      confirmLoading={reveal.isPending}
      onOk={() => (shown ? onClose() : form.submit())}
      onCancel={onClose}
      destroyOnHidden
    >
      {shown ? (
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={fieldName}>
            {shown.value ? (
              <Typography.Text copyable strong data-testid="revealed-value">
                {shown.value}
              </Typography.Text>
            ) : (
              t('households.notRecorded')
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            title={t('households.revealReasonHint')}
            style={{ marginBottom: 16 }}
          />
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            onValuesChange={() => setError(null)}
          >
            <Form.Item
              name="reason"
              label={t('households.revealReason')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  min: 2,
                  message: t('households.revealReasonHint'),
                },
              ]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
