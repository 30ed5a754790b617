import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Result, Space, Table, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../../../../shared/api.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { downloadErrorFile, useImportRoster, type ImportResult } from '../api.ts';
import { formatMonth } from '../month.ts';
import { MonthPicker } from './MonthPicker.tsx';

type Rejected = ImportResult['rejected'][number];

/** What the server said of the file: every rejected row, or that all pass. */
function CheckOutcome({ result, month }: { result: ImportResult; month: string }) {
  const { t } = useTranslation();
  if (result.rejected.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="upload-check"
        title={t('rosters.checkPassed', { count: result.accepted, month: formatMonth(month) })}
      />
    );
  }
  const rows = new Set(result.rejected.map((r) => r.row)).size;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="upload-check">
      <Alert
        type="error"
        showIcon
        title={t('rosters.checkFailed', { problems: result.rejected.length, rows })}
        description={t('rosters.acceptedRows', { count: result.accepted })}
      />
      <Table<Rejected>
        size="small"
        rowKey={(r) => `${r.row}/${r.field}/${r.code}`}
        dataSource={result.rejected}
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="rejected-rows"
        columns={[
          {
            title: t('rosters.row'),
            dataIndex: 'row',
            width: 90,
            render: (row: number) => t('rosters.rowValue', { row }),
          },
          { title: t('rosters.field'), dataIndex: 'field', width: 130 },
          { title: t('rosters.message'), dataIndex: 'message' },
        ]}
      />
    </Space>
  );
}

/** What the import did: rows written into the round, or why nothing was. */
function ImportOutcome({ result, month }: { result: ImportResult; month: string }) {
  const { t } = useTranslation();
  const m = formatMonth(month);
  const unchanged = result.unchanged ?? 0;
  if (result.duplicateFile)
    return <Result status="warning" title={t('rosters.duplicateFile', { month: m })} />;
  if (result.accepted > 0 && unchanged === result.accepted)
    return <Result status="info" title={t('rosters.allUnchanged', { count: result.accepted })} />;
  return (
    <Result
      status="success"
      title={t('rosters.imported', { count: result.accepted, month: m })}
      subTitle={unchanged > 0 ? t('rosters.importedUnchanged', { count: unchanged }) : undefined}
    />
  );
}

/**
 * 上传名册: the file is checked first (POST /api/subjects/import?dryRun=true), every rejected row
 * shown with a way to get the file back annotated; only a file without problems can be imported.
 */
export function UploadRosterModal(props: { month: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [month, setMonth] = useState(props.month);
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fetchingErrors, setFetchingErrors] = useState(false);
  const dryRun = useImportRoster();
  const commit = useImportRoster();
  // the latest file and month checked: an answer for an earlier choice is dropped
  const latest = useRef(0);
  // one key per file and month imported: pressing 确认导入 again after a lost answer is a retry
  const importKey = useRef('');

  const runCheck = async (f: File, m: string) => {
    const token = ++latest.current;
    importKey.current = newIdempotencyKey();
    setCheck(null);
    setDone(null);
    setError(null);
    try {
      const result = await dryRun.mutateAsync({ file: f, month: m, dryRun: true });
      if (token === latest.current) setCheck(result);
    } catch (err) {
      if (token === latest.current) setError(errorMessage(err));
    }
  };
  const choose = (f: File) => {
    setFile(f);
    void runCheck(f, month);
  };
  const changeMonth = (m: string) => {
    setMonth(m);
    if (file) void runCheck(file, m);
  };
  const importFile = async () => {
    if (!file) return;
    setError(null);
    try {
      const result = await commit.mutateAsync({
        file,
        month,
        dryRun: false,
        idempotencyKey: importKey.current,
      });
      // rows another upload made invalid meanwhile: shown as a check would show them
      if (result.rejected.length > 0) setCheck(result);
      else setDone(result);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const getErrorFile = async () => {
    if (!file) return;
    setFetchingErrors(true);
    try {
      await downloadErrorFile(file, month);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setFetchingErrors(false);
    }
  };

  const canImport = Boolean(file && check && check.rejected.length === 0 && !done);
  const footer = done ? (
    <Button type="primary" onClick={props.onClose}>
      {t('rosters.done')}
    </Button>
  ) : (
    <Space>
      <Button onClick={props.onClose}>{t('common.cancel')}</Button>
      {check && check.rejected.length > 0 && (
        <Button
          icon={<DownloadOutlined />}
          loading={fetchingErrors}
          onClick={() => void getErrorFile()}
        >
          {t('rosters.downloadErrorFile')}
        </Button>
      )}
      <Button
        type="primary"
        disabled={!canImport}
        loading={commit.isPending}
        onClick={() => void importFile()}
      >
        {t('rosters.confirmImport')}
      </Button>
    </Space>
  );

  return (
    <Modal
      open
      width={800}
      title={t('rosters.uploadTitle')}
      onCancel={props.onClose}
      footer={footer}
      destroyOnHidden
      maskClosable={false}
    >
      <Form layout="inline" style={{ marginBottom: 16 }}>
        <Form.Item label={t('rosters.uploadMonth')}>
          <MonthPicker
            id="upload-month"
            value={month}
            onChange={changeMonth}
            disabled={Boolean(done)}
          />
        </Form.Item>
      </Form>
      {!done && (
        <Upload.Dragger
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple={false}
          maxCount={1}
          fileList={
            file
              ? [{ uid: 'file', name: file.name, status: dryRun.isPending ? 'uploading' : 'done' }]
              : []
          }
          beforeUpload={(f) => {
            choose(f);
            return false;
          }}
          onRemove={() => {
            latest.current++;
            setFile(null);
            setCheck(null);
            setError(null);
          }}
          data-testid="upload-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('rosters.uploadDrop')}</p>
          <p className="ant-upload-hint">{t('rosters.uploadHint')}</p>
        </Upload.Dragger>
      )}
      <div style={{ marginTop: 16 }}>
        {dryRun.isPending && (
          <Typography.Text type="secondary">{t('rosters.checking')}</Typography.Text>
        )}
        {error && <Alert type="error" showIcon title={error} data-testid="upload-error" />}
        {check && !done && <CheckOutcome result={check} month={month} />}
        {done && (
          <div data-testid="upload-done">
            <ImportOutcome result={done} month={month} />
          </div>
        )}
      </div>
    </Modal>
  );
}
