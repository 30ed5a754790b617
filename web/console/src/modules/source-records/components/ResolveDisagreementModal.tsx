import { Alert, App, Form, Input, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { correctableFields } from '../../../../../../server/modules/source-records/contract.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { FormError } from '../../../lib/FormError.tsx';
import { useResolveDisagreement, type Disagreement } from '../api.ts';
import { fieldName, sourceName, valueText } from '../labels.ts';

/**
 * 处理 one disagreement: the roster's value, a department's (a name or a phone then goes onto the
 * roster), or 已核对; with a note (POST /api/source-disagreements/:id/resolve).
 */
export function ResolveDisagreementModal(props: { item: Disagreement; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { item } = props;
  const resolve = useResolveDisagreement();
  const [form] = Form.useForm<{ pick: string; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const field = fieldName(t, item.field);
  const corrects = (correctableFields as readonly string[]).includes(item.field);
  const none = t('common.none');
  const submit = async (v: { pick: string; note?: string }) => {
    setError(null);
    try {
      await resolve.mutateAsync({ id: item.id, pick: v.pick, note: v.note });
      void message.success(t('sources.disagreements.resolved'));
      props.onClose();
    } catch (err) {
      setError(applyServerErrors(form, err, ['pick', 'note']));
    }
  };
  return (
    <Modal
      open
      title={t('sources.disagreements.dialogTitle', { name: item.subjectName, field })}
      okText={t('sources.disagreements.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={resolve.isPending}
      okButtonProps={{ id: 'resolve-submit' }}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={
          corrects
            ? t('sources.disagreements.correctsRoster', { field })
            : t('sources.disagreements.roundOnly')
        }
      />
      <FormError message={error} testId="resolve-error" />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="pick"
          label={t('sources.disagreements.pick')}
          rules={[{ required: true, message: t('sources.disagreements.pickRequired') }]}
        >
          <Radio.Group data-testid="resolve-pick">
            <Space orientation="vertical">
              <Radio value="roster">
                {t('sources.disagreements.pickRoster', {
                  value: item.roster === null ? none : valueText(t, item.field, item.roster),
                })}
              </Radio>
              {item.values.map((v) => (
                <Radio key={v.source} value={v.source}>
                  {t('sources.disagreements.pickSource', {
                    source: sourceName(t, v.source),
                    value: valueText(t, item.field, v.value),
                    date: v.asOf,
                  })}
                </Radio>
              ))}
              <Radio value="checked">{t('sources.disagreements.pickChecked')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('sources.disagreements.note')}>
          <Input.TextArea
            id="resolve-note"
            rows={2}
            maxLength={200}
            showCount
            placeholder={t('sources.disagreements.notePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
