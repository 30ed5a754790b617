import { Form, Input, Modal, App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../../../shared/auth.tsx';
import { applyServerErrors } from '../lib/forms.ts';
import { NewPasswordFields } from '../lib/NewPasswordFields.tsx';
import { FormError } from '../lib/FormError.tsx';

type Values = { currentPassword: string; newPassword: string; confirm: string };

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const change = useChangePassword();

  const submit = async (values: Values) => {
    setError(null);
    try {
      await change.mutateAsync({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      void message.success(t('password.changed'));
      form.resetFields();
      onClose();
    } catch (err) {
      // the password policy names the field `password`; here it is the new one
      setError(
        applyServerErrors(form, err, ['currentPassword', 'newPassword'], {
          password: 'newPassword',
        }),
      );
    }
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={change.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <FormError message={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
        requiredMark={false}
      >
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[
            { required: true, message: t('common.required', { field: t('password.current') }) },
          ]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields label={t('password.new')} />
      </Form>
    </Modal>
  );
}
