import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  subjectEndpoints,
  type ExportSubjectsBody,
} from '../../../../../../server/modules/subjects/contract.ts';
import { download } from '../../../../../shared/api.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { applyServerErrors } from '../../../lib/forms.ts';
import { shanghaiStamp } from '../dates.ts';

export type ExportFilters = Omit<z.input<typeof ExportSubjectsBody>, 'unmasked' | 'reason'>;

/** POST /api/subjects/export: the browser saves the file; returns its name. */
function useExport(filters: ExportFilters) {
  const { t } = useTranslation();
  const [pending, setPending] = useState(false);
  const run = async (unmasked: boolean, reason?: string) => {
    setPending(true);
    try {
      return await download(subjectEndpoints.exportSubjects, {
        body: { ...filters, unmasked, reason },
        fileName: t('subjectExport.fileName', { date: shanghaiStamp() }),
      });
    } finally {
      setPending(false);
    }
  };
  return { run, pending };
}

/** 完整导出: the reason first (the server checks it and writes the export to the audit log). */
function FullExportModal(props: {
  run: (reason: string) => Promise<string>;
  pending: boolean;
  onDone: (name: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ reason }: { reason: string }) => {
    setError(null);
    try {
      props.onDone(await props.run(reason));
    } catch (err) {
      setError(applyServerErrors(form, err, ['reason']));
    }
  };
  return (
    <Modal
      open
      title={t('subjectExport.fullTitle')}
      okText={t('subjectExport.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={props.pending}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('subjectExport.fullHint')}
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
          label={t('subjectExport.reason')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('subjectExport.fullHint') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 导出 Excel of the roster as filtered (with the 精确查找 number when that is what is shown):
 * masked for everyone, in full with a reason for those who may reveal.
 */
export function ExportSubjectsButton(props: { filters: ExportFilters; canReveal: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exporter = useExport(props.filters);
  const [asking, setAsking] = useState(false);
  const done = (name: string) => void message.success(t('subjectExport.exported', { name }));
  const masked = async () => {
    try {
      done(await exporter.run(false));
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <>
      {props.canReveal ? (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'masked', label: t('subjectExport.masked') },
              { key: 'full', label: t('subjectExport.full') },
            ],
            onClick: ({ key }) => (key === 'full' ? setAsking(true) : void masked()),
          }}
        >
          <Button
            icon={<DownloadOutlined />}
            loading={exporter.pending}
            data-testid="export-subjects"
          >
            {t('subjectExport.button')} <DownOutlined />
          </Button>
        </Dropdown>
      ) : (
        <Button
          icon={<DownloadOutlined />}
          loading={exporter.pending}
          onClick={() => void masked()}
          data-testid="export-subjects"
        >
          {t('subjectExport.button')}
        </Button>
      )}
      {asking && (
        <FullExportModal
          run={(reason) => exporter.run(true, reason)}
          pending={exporter.pending}
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
