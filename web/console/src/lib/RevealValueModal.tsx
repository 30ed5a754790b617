import { Alert, Button, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from './forms.ts';
import { FormError } from './FormError.tsx';

export type RevealTexts = {
  title: string;
  submit: string;
  /** The label of the value once shown. */
  label: string;
  /** Why a reason is asked for, and what it is checked against. */
  hint: string;
  reasonLabel: string;
  /** When there is no value to show. */
  empty: string;
};

/** One of several values shown together (a value before and after a change). */
export type RevealedValue = { label: string; value: string | null; testId: string };

/**
 * One sensitive value in full (or a few that belong together), asked for with a reason (the
 * server writes the read to the audit log): the form, the server's field errors, then the values,
 * copyable.
 */
export function RevealValueModal(props: {
  texts: RevealTexts;
  reveal: (reason: string) => Promise<string | null | RevealedValue[]>;
  pending: boolean;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { texts } = props;
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<RevealedValue[] | null>(null);

  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    try {
      const revealed = await props.reveal(reason);
      setShown(
        Array.isArray(revealed)
          ? revealed
          : [{ label: texts.label, value: revealed, testId: props.testId }],
      );
    } catch (err) {
      setError(applyServerErrors(form, err, ['reason']));
    }
  };

  return (
    <Modal
      open
      title={texts.title}
      okText={texts.submit}
      cancelText={t('common.cancel')}
      confirmLoading={props.pending}
      onOk={() => form.submit()}
      // once shown, a button of its own: the submit button's leaving spinner would stay in its
      // accessible name (读屏 "loading 关闭")
      footer={
        shown
          ? [
              <Button key="close" type="primary" onClick={props.onClose}>
                {t('common.close')}
              </Button>,
            ]
          : undefined
      }
      onCancel={props.onClose}
      destroyOnHidden
    >
      {shown ? (
        <Descriptions bordered size="small" column={1}>
          {shown.map((v) => (
            <Descriptions.Item key={v.testId} label={v.label}>
              {v.value ? (
                <Typography.Text copyable strong data-testid={v.testId}>
                  {v.value}
                </Typography.Text>
              ) : (
                <span data-testid={v.testId}>{texts.empty}</span>
              )}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ) : (
        <>
          <Alert type="info" showIcon title={texts.hint} style={{ marginBottom: 16 }} />
          <FormError message={error} />
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            onValuesChange={() => setError(null)}
          >
            <Form.Item
              name="reason"
              label={texts.reasonLabel}
              rules={[{ required: true, whitespace: true, min: 2, message: texts.hint }]}
            >
              <Input.TextArea rows={3} maxLength={200} showCount />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
