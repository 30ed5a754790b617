import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { applyServerErrors } from '../../../lib/forms.ts';

/** 完整导出: the reason first (the server checks it and writes the export to the audit log). */
function FullExportModal(props: {
  run: (reason: string) => Promise<string>;
  onDone: (name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    setPending(true);
    try {
      props.onDone(await props.run(reason));
    } catch (err) {
      setError(applyServerErrors(form, err, ['reason']));
    } finally {
      setPending(false);
    }
  };
  return (
    <Modal
      open
      title={t('rosters.export.fullTitle')}
      okText={t('rosters.export.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('rosters.export.fullHint')}
        style={{ marginBottom: 16 }}
      />
      {error && (
        <Alert
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
          data-testid="export-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        onValuesChange={() => setError(null)}
      >
        <Form.Item
          name="reason"
          label={t('rosters.export.reason')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('rosters.export.fullHint') },
          ]}
        >
          <Input.TextArea id="export-reason" rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 导出 Excel of a roster list: masked for everyone; where the list holds personal values and the
 * user may reveal them, 完整导出 too, with a reason. `run` downloads and returns the file's name.
 */
export function ExportRosterButton(props: {
  run: (reason: string | null) => Promise<string>;
  /** Offer 完整导出 (the list holds ID numbers, phones, addresses and the user may reveal). */
  full: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [pending, setPending] = useState(false);
  const [asking, setAsking] = useState(false);
  const done = (name: string) => void message.success(t('rosters.export.exported', { name }));
  const masked = async () => {
    setPending(true);
    try {
      done(await props.run(null));
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      {props.full ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'masked', label: t('rosters.export.masked') },
              { key: 'full', label: t('rosters.export.full') },
            ],
            onClick: ({ key }) => (key === 'full' ? setAsking(true) : void masked()),
          }}
        >
          <Button icon={<DownloadOutlined />} loading={pending} data-testid={props.testId}>
            {t('rosters.export.button')} <DownOutlined />
          </Button>
        </Dropdown>
      ) : (
        <Button
          icon={<DownloadOutlined />}
          loading={pending}
          onClick={() => void masked()}
          data-testid={props.testId}
        >
          {t('rosters.export.button')}
        </Button>
      )}
      {asking && (
        <FullExportModal
          run={(reason) => props.run(reason)}
          onDone={(name) => {
            setAsking(false);
            done(name);
          }}
          onClose={() => setAsking(false)}
        />
      )}
    </>
  );
}
