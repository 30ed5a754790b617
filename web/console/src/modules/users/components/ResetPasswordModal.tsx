import { Alert, App, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../../../server/modules/users/contract.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useResetPassword } from '../api.ts';
import { NewPasswordFields } from '../../../lib/NewPasswordFields.tsx';
import { FormError } from '../../../lib/FormError.tsx';

type Values = { newPassword: string; confirm: string };

/** POST /api/users/:id/reset-password: the user's sessions end, they sign in with the new one. */
export function ResetPasswordModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const reset = useResetPassword();

  const submit = async (v: Values) => {
    setError(null);
    try {
      await reset.mutateAsync({ id: user.id, newPassword: v.newPassword });
      void message.success(t('users.passwordReset'));
      onClose();
    } catch (err) {
      // the policy check names the field `password`
      setError(applyServerErrors(form, err, ['newPassword'], { password: 'newPassword' }));
    }
  };

  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      okText={t('users.resetPassword')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={reset.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert
        type="warning"
        showIcon
        title={t('users.resetPasswordHint')}
        style={{ marginBottom: 16 }}
      />
      <FormError message={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
      >
        <NewPasswordFields label={t('users.newPassword')} />
      </Form>
    </Modal>
  );
}
