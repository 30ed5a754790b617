import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../shared/api.ts';
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

/** The server's answer to a full export of more people than may be exported without approval. */
const APPROVAL_REQUIRED = 'export.approval_required';

/**
 * 完整导出: the reason first (the server checks it and writes the export to the audit log). When
 * the export holds more people than may go out unapproved, the server says so and the dialog
 * offers 提交审批申请 with the same reason instead.
 */
function FullExportModal(props: {
  texts: ExportTexts;
  run: (reason: string) => Promise<void>;
  request?: ((reason: string) => Promise<unknown>) | undefined;
  pending: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { texts } = props;
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  /** The server's message that approval is needed (with the numbers). */
  const [approval, setApproval] = useState<string | null>(null);
  const [requesting, setRequesting] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    if (approval && props.request) {
      setRequesting(true);
      try {
        await props.request(reason);
        void message.success(t('exportRequests.requested'));
        props.onClose();
      } catch (err) {
        setError(applyServerErrors(form, err, ['reason']));
      } finally {
        setRequesting(false);
      }
      return;
    }
    try {
      await props.run(reason);
    } catch (err) {
      if (props.request && isApiError(err) && err.code === APPROVAL_REQUIRED)
        setApproval(err.message);
      else setError(applyServerErrors(form, err, ['reason']));
    }
  };
  return (
    <Modal
      open
      title={texts.fullTitle}
      okText={approval ? t('exportRequests.submitRequest') : texts.submit}
      cancelText={t('common.cancel')}
      confirmLoading={props.pending || requesting}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={texts.fullHint}
        description={props.request ? t('exportRequests.dialogHint') : undefined}
        style={{ marginBottom: 16 }}
      />
      {approval && (
        <Alert
          type="warning"
          showIcon
          title={t('exportRequests.needsApproval')}
          description={approval}
          data-testid="export-needs-approval"
          style={{ marginBottom: 16 }}
        />
      )}
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
  /** Asks for approval of a full export the server refuses at once (too many people), with the reason. */
  request?: (reason: string) => Promise<unknown>;
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
          request={props.request}
          pending={pending}
          onClose={() => setAsking(false)}
        />
      )}
    </>
  );
}
