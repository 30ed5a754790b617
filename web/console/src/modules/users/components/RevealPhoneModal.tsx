import { Alert, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../../../server/modules/users/contract.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useRevealPhone } from '../api.ts';

/** POST /api/users/:id/reveal-phone with a reason; the read is written to the audit log. */
export function RevealPhoneModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const reveal = useRevealPhone();
  const shown = reveal.data;

  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    try {
      await reveal.mutateAsync({ id: user.id, reason });
    } catch (err) {
      setError(applyServerErrors(form, err, ['reason']));
    }
  };

  return (
    <Modal
      open
      title={t('users.revealTitle', { name: user.displayName })}
      okText={shown ? t('common.close') : t('users.revealPhone')}
      cancelText={t('common.cancel')}
      cancelButtonProps={shown ? { style: { display: 'none' } } : undefined}
      confirmLoading={reveal.isPending}
      onOk={() => (shown ? onClose() : form.submit())}
      onCancel={onClose}
    >
      {shown ? (
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label={t('users.revealed')}>
            {shown.phone ? (
              <Typography.Text copyable strong data-testid="revealed-phone">
                {shown.phone}
              </Typography.Text>
            ) : (
              t('users.noPhone')
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            title={t('users.revealReasonHint')}
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
              label={t('users.revealReason')}
              rules={[{ required: true, min: 2, message: t('users.revealReasonHint') }]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
