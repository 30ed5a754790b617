import { App, DatePicker, Form, Input, InputNumber, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DivisionView } from '../../../../../../server/modules/divisions/contract.ts';
import {
  divisionPrefix,
  parentDivisionCode,
} from '../../../../../../server/platform/contract/divisions.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { useCreateDivision, useUpdateDivision } from '../api.ts';
import { FormError } from '../../../lib/FormError.tsx';

type Values = {
  code: string;
  name: string;
  urbanRuralCode?: string;
  sortOrder?: number | null;
  validTo?: Dayjs | null;
};
const fields = ['code', 'name', 'urbanRuralCode', 'sortOrder', 'validTo'];

/** Add a child under `division` (POST /api/divisions) or edit it (PATCH /api/divisions/:code). */
export function DivisionFormModal(props: {
  mode: 'create' | 'edit';
  division: DivisionView;
  onClose: (saved?: DivisionView) => void;
}) {
  const { mode, division } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const create = useCreateDivision();
  const update = useUpdateDivision(division.code);
  const prefix = divisionPrefix(division.code);

  const submit = async (v: Values) => {
    setError(null);
    const urbanRuralCode = v.urbanRuralCode?.trim() || null;
    try {
      if (mode === 'create') {
        const saved = await create.mutateAsync({
          code: v.code.trim(),
          parentCode: division.code,
          name: v.name,
          urbanRuralCode,
          ...(v.sortOrder !== null && v.sortOrder !== undefined ? { sortOrder: v.sortOrder } : {}),
        });
        void message.success(t('divisions.created', { name: saved.name }));
        props.onClose(saved);
      } else {
        const saved = await update.mutateAsync({
          name: v.name,
          urbanRuralCode,
          ...(v.sortOrder !== null && v.sortOrder !== undefined ? { sortOrder: v.sortOrder } : {}),
          validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : null,
        });
        void message.success(t('divisions.updated'));
        props.onClose(saved);
      }
    } catch (err) {
      setError(applyServerErrors(form, err, fields));
    }
  };

  const initial: Partial<Values> =
    mode === 'create'
      ? { code: prefix }
      : {
          name: division.name,
          urbanRuralCode: division.urbanRuralCode ?? undefined,
          sortOrder: division.sortOrder,
          validTo: division.validTo ? dayjs(division.validTo) : null,
        };
  const required = (field: string) => ({
    required: true,
    message: t('common.required', { field }),
  });

  return (
    <Modal
      open
      title={
        mode === 'create' ? `${t('divisions.addChild')} · ${division.name}` : t('divisions.edit')
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={() => props.onClose()}
      destroyOnHidden
    >
      <FormError message={error} />
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={initial}
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
      >
        {mode === 'create' && (
          <Form.Item
            name="code"
            label={t('divisions.code')}
            extra={t('divisions.codeHint', { prefix })}
            rules={[
              required(t('divisions.code')),
              {
                // the server derives the parent from the code: keep it under this division
                validator: (_, value?: string) =>
                  !value ||
                  (/^\d{12}(\d{3})?$/.test(value.trim()) &&
                    parentDivisionCode(value.trim()) === division.code)
                    ? Promise.resolve()
                    : Promise.reject(
                        new Error(t('divisions.codeNotChild', { name: division.name })),
                      ),
              },
            ]}
          >
            <Input maxLength={15} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('divisions.name')} rules={[required(t('divisions.name'))]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="urbanRuralCode" label={t('divisions.urbanRuralCode')}>
          <Input maxLength={3} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('divisions.sortOrder')}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: 120 }} />
        </Form.Item>
        {mode === 'edit' && (
          <Form.Item
            name="validTo"
            label={t('divisions.validTo')}
            extra={t('divisions.validToHint')}
          >
            <DatePicker allowClear />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
