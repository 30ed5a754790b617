import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/errors.ts';
import { applyServerErrors } from './forms.ts';
import { FormError } from './FormError.tsx';

export type ExportTexts = {
  button: string;
  masked: string;
  full: string;
  /** The title of the reason dialog of 完整导出. */
  fullTitle: string;
  /** What a full export holds, why a reason is asked for and what it is checked against. */
  fullHint: string;
  reasonLabel: string;
  submit: string;
  /** Said once the browser has the file. */
  exported: (name: string) => string;
};

/** 完整导出: the reason first (the server checks it and writes the export to the audit log). */
function FullExportModal(props: {
  texts: ExportTexts;
  run: (reason: string) => Promise<void>;
  pending: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { texts } = props;
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    try {
      await props.run(reason);
    } catch (err) {
      setError(applyServerErrors(form, err, ['reason']));
    }
  };
  return (
    <Modal
      open
      title={texts.fullTitle}
      okText={texts.submit}
      cancelText={t('common.cancel')}
      confirmLoading={props.pending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={texts.fullHint} style={{ marginBottom: 16 }} />
      <FormError message={error} testId="export-error" />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
      >
        <Form.Item
          name="reason"
          label={texts.reasonLabel}
          rules={[{ required: true, whitespace: true, min: 2, message: texts.fullHint }]}
        >
          <Input.TextArea id="export-reason" rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 导出 Excel of a list: masked for everyone; where the list holds personal values and the user may
 * reveal them, 完整导出 too, with a reason. `run` downloads (a reason: in full, null: masked) and
 * returns the file's name.
 */
export function ExportButton(props: {
  texts: ExportTexts;
  run: (reason: string | null) => Promise<string>;
  /** Offer 完整导出 (the list holds ID numbers, phones or addresses and the user may reveal). */
  full: boolean;
  testId: string;
}) {
  const { texts } = props;
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const [asking, setAsking] = useState(false);
  // the file saved: said, the reason dialog closed; a failure is thrown to the caller
  const exportFile = async (reason: string | null) => {
    setPending(true);
    try {
      const name = await props.run(reason);
      setAsking(false);
      void message.success(texts.exported(name));
    } finally {
      setPending(false);
    }
  };
  const masked = async () => {
    try {
      await exportFile(null);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <>
      {props.full ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'masked', label: texts.masked },
              { key: 'full', label: texts.full },
            ],
            onClick: ({ key }) => (key === 'full' ? setAsking(true) : void masked()),
          }}
        >
          <Button icon={<DownloadOutlined />} loading={pending} data-testid={props.testId}>
            {texts.button} <DownOutlined />
          </Button>
        </Dropdown>
      ) : (
        <Button
          icon={<DownloadOutlined />}
          loading={pending}
          onClick={() => void masked()}
          data-testid={props.testId}
        >
          {texts.button}
        </Button>
      )}
      {asking && (
        <FullExportModal
          texts={texts}
          run={exportFile}
          pending={pending}
          onClose={() => setAsking(false)}
        />
      )}
    </>
  );
}
