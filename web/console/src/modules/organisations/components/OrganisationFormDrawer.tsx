import { App, Button, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  OrganisationKind,
  type OrganisationView,
} from '../../../../../../server/modules/organisations/contract.ts';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useCreateOrganisation, useUpdateOrganisation } from '../api.ts';
import { FormError } from '../../../lib/FormError.tsx';

type Kind = OrganisationView['kind'];
type Values = { kind: Kind; name: string; divisionCode: string; disabled?: boolean };
const formFields = ['kind', 'name', 'divisionCode', 'disabled'];

/** POST /api/organisations (kind, name, division) or PATCH /api/organisations/:id (name, disabled). */
export function OrganisationFormDrawer(props: {
  organisation?: OrganisationView;
  onClose: () => void;
}) {
  const { organisation, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const create = useCreateOrganisation();
  const update = useUpdateOrganisation();

  const submit = async (v: Values) => {
    setError(null);
    try {
      if (organisation) {
        await update.mutateAsync({
          id: organisation.id,
          body: {
            ...(v.name !== organisation.name ? { name: v.name } : {}),
            ...(v.disabled !== organisation.disabled ? { disabled: Boolean(v.disabled) } : {}),
          },
        });
        void message.success(t('organisations.updated'));
      } else {
        const saved = await create.mutateAsync({
          kind: v.kind,
          name: v.name,
          divisionCode: v.divisionCode,
        });
        void message.success(t('organisations.created', { name: saved.name }));
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
  const chosen = (field: string) => ({
    required: true,
    message: t('common.requiredChoice', { field }),
  });

  return (
    <Drawer
      open
      size={480}
      title={organisation ? t('organisations.edit') : t('organisations.create')}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending || update.isPending}
            onClick={() => form.submit()}
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
        initialValues={
          organisation ? { name: organisation.name, disabled: organisation.disabled } : {}
        }
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
      >
        {!organisation && (
          <Form.Item
            name="kind"
            label={t('organisations.kind')}
            rules={[chosen(t('organisations.kind'))]}
          >
            <Select<Kind>
              options={OrganisationKind.options.map((k) => ({
                value: k,
                label: t(`orgKinds.${k}`),
              }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('organisations.name')}
          rules={[required(t('organisations.name'))]}
        >
          <Input maxLength={100} />
        </Form.Item>
        {!organisation && (
          <Form.Item
            name="divisionCode"
            label={t('organisations.division')}
            rules={[chosen(t('organisations.division'))]}
          >
            <DivisionTreeSelect />
          </Form.Item>
        )}
        {organisation && (
          <Form.Item name="disabled" label={t('organisations.disable')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
