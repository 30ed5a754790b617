import { Alert, App, Button, Checkbox, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UpdateUserBody, UserView } from '../../../../../../server/modules/users/contract.ts';
import { roles, type Role } from '../../../../../../server/platform/contract/common.ts';
import type { z } from 'zod';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { OrganisationSelect } from '../../../lib/OrganisationSelect.tsx';
import { useCreateUser, useUpdateUser } from '../api.ts';

type Values = {
  username: string;
  displayName: string;
  role: Role;
  divisionCode?: string | null;
  organisationId?: string | null;
  phone?: string;
  password: string;
  disabled?: boolean;
  unlock?: boolean;
};
const formFields = [
  'username',
  'displayName',
  'role',
  'divisionCode',
  'organisationId',
  'phone',
  'password',
  'disabled',
];

/** Create a user (POST /api/users) or edit one (PATCH /api/users/:id, only what changed). */
export function UserFormDrawer({ user, onClose }: { user?: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = Boolean(user);

  const submit = async (v: Values) => {
    setError(null);
    try {
      if (!user) {
        const saved = await create.mutateAsync({
          username: v.username,
          displayName: v.displayName,
          role: v.role,
          divisionCode: v.divisionCode ?? null,
          organisationId: v.organisationId ?? null,
          ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
          password: v.password,
        });
        void message.success(t('users.created', { name: saved.displayName }));
      } else {
        await update.mutateAsync({ id: user.id, body: changes(user, v) });
        void message.success(t('users.updated'));
      }
      onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, formFields));
    }
  };

  const required = (field: string) => ({
    required: true,
    message: t('common.required', { field }),
  });
  const initial: Partial<Values> = user
    ? {
        displayName: user.displayName,
        role: user.role,
        divisionCode: user.scope.divisionCode,
        organisationId: user.scope.organisationId,
        disabled: user.disabled,
      }
    : {};

  return (
    <Drawer
      open
      size={520}
      title={user ? `${t('users.edit')} · ${user.username}` : t('users.create')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending || update.isPending}
            onClick={() => form.submit()}
            data-testid="user-form-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
      >
        {!editing && (
          <Form.Item
            name="username"
            label={t('users.username')}
            extra={t('users.usernameHint')}
            rules={[required(t('users.username'))]}
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[required(t('users.displayName'))]}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[required(t('users.role'))]}>
          <Select<Role>
            showSearch={{ optionFilterProp: 'label' }}
            options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('users.division')}>
          <DivisionTreeSelect />
        </Form.Item>
        <Form.Item name="organisationId" label={t('users.organisation')}>
          <OrganisationSelect />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('users.phone')}
          extra={editing ? t('users.phoneHint') : undefined}
        >
          <Input maxLength={30} placeholder={user?.phoneMasked ?? undefined} autoComplete="off" />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.password')}
            extra={t('password.policy')}
            rules={[required(t('users.password'))]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        {editing && (
          <Form.Item name="disabled" label={t('users.disable')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
        {user?.locked && (
          <Form.Item name="unlock" valuePropName="checked" extra={t('users.unlockHint')}>
            <Checkbox>{t('users.unlock')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}

/** The PATCH body: the fields that changed; role and scope travel together when one changes. */
function changes(user: UserView, v: Values): z.input<typeof UpdateUserBody> {
  const body: z.input<typeof UpdateUserBody> = {};
  if (v.displayName !== user.displayName) body.displayName = v.displayName;
  const divisionCode = v.divisionCode ?? null;
  const organisationId = v.organisationId ?? null;
  if (
    v.role !== user.role ||
    divisionCode !== user.scope.divisionCode ||
    organisationId !== user.scope.organisationId
  ) {
    Object.assign(body, { role: v.role, divisionCode, organisationId });
  }
  if (v.phone?.trim()) body.phone = v.phone.trim();
  if (v.disabled !== undefined && v.disabled !== user.disabled) body.disabled = v.disabled;
  if (v.unlock) body.unlock = true;
  return body;
}
