import { App, Button, Checkbox, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { assignableRoles, type UserView } from '../../../../../../server/modules/users/contract.ts';
import type { Role } from '../../../../../../server/platform/contract/common.ts';
import { useMe } from '../../../../../shared/auth.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useCreateUser, useUpdateUser } from '../api.ts';
import {
  scopeAfterRoleChange,
  scopeBody,
  scopeFieldsOf,
  scopeRuleOf,
  userChanges,
  type UserFormValues as Values,
} from '../scope.ts';
import { UserScopeFields } from './UserScopeFields.tsx';
import { FormError } from '../../../lib/FormError.tsx';

/**
 * Create a user (POST /api/users) or edit one (PATCH /api/users/:id, only what changed). The roles
 * offered are those the signed-in user may grant; the scope fields follow the chosen role.
 */
export function UserFormDrawer({ user, onClose }: { user?: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [role, setRole] = useState<Role | undefined>(user?.role);
  const create = useCreateUser();
  const update = useUpdateUser();
  const editing = Boolean(user);
  const self = Boolean(user && me && user.id === me.id);
  const rule = scopeRuleOf(role);
  const formFields = [
    'username',
    'displayName',
    'role',
    ...scopeFieldsOf(rule),
    'phone',
    'password',
    'disabled',
  ];

  const assignable = me ? assignableRoles(me.role) : [];
  // a user's present role stays readable even when it is not one the editor may grant
  const shownRoles =
    user && !assignable.includes(user.role) ? [user.role, ...assignable] : assignable;
  const roleOptions = shownRoles.map((r) => ({
    value: r,
    label: t(`roles.${r}`),
    disabled: !assignable.includes(r),
  }));
  const ownOrganisation = me?.scope.organisationId
    ? { id: me.scope.organisationId, name: me.scope.organisationName ?? '' }
    : null;
  const currentOrganisation = user?.scope.organisationId
    ? { id: user.scope.organisationId, name: user.scope.organisationName ?? '' }
    : ownOrganisation;

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    setError(null);
    if (!changed.role) return;
    const next = scopeAfterRoleChange(role, changed.role, all, ownOrganisation?.id ?? null);
    setRole(changed.role);
    form.setFieldsValue(next);
    form.setFields([
      { name: 'divisionCode', errors: [] },
      { name: 'organisationId', errors: [] },
    ]);
  };

  const submit = async (v: Values) => {
    setError(null);
    try {
      if (!user) {
        const saved = await create.mutateAsync({
          username: v.username,
          displayName: v.displayName,
          role: v.role,
          ...scopeBody(v.role, v),
          ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
          password: v.password,
        });
        void message.success(t('users.created', { name: saved.displayName }));
      } else {
        await update.mutateAsync({ id: user.id, body: userChanges(user, v) });
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
      <FormError message={error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        onValuesChange={onValuesChange}
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
        <Form.Item
          name="role"
          label={t('users.role')}
          rules={[
            { required: true, message: t('common.requiredChoice', { field: t('users.role') }) },
          ]}
          extra={self ? t('users.selfLocked') : role ? undefined : t('users.roleFirst')}
        >
          <Select<Role>
            showSearch={{ optionFilterProp: 'label' }}
            options={roleOptions}
            disabled={self}
            placeholder={t('users.selectRole')}
          />
        </Form.Item>
        <UserScopeFields rule={rule} locked={self} currentOrganisation={currentOrganisation} />
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
            <Switch disabled={self} />
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
