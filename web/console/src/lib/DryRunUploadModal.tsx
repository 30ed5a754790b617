import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Space, Table, Typography, Upload } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadProgress } from '../../../shared/api.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { UploadProgressBar } from './UploadProgressBar.tsx';

/** A row the server refused, named by row and column (the shape of every import's answer). */
export type RejectedRow = { row: number; field: string; code: string; message: string };
export type DryRunResult = { accepted: number; rejected: RejectedRow[] };

export type UploadTexts = {
  title: string;
  /** In the drop area; `blocked` replaces it while the file cannot be chosen yet. */
  drop: string;
  hint: string;
  checking: string;
  confirm: string;
  done: string;
  row: string;
  rowValue: (row: number) => string;
  column: string;
  message: string;
  /** Above the rejected rows; `failedDetail` below it. */
  failed: (result: DryRunResult) => string;
  failedDetail?: (result: DryRunResult) => string;
};

export type UploadTestIds = {
  file: string;
  check: string;
  rejected: string;
  error: string;
  done: string;
  /** The progress shown while a check or an import runs ('upload-progress' by default). */
  progress?: string;
};

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the dry run found: a summary, then that all rows pass or every problem by row and column. */
function CheckOutcome(props: {
  result: DryRunResult;
  texts: UploadTexts;
  testIds: UploadTestIds;
  summary: ReactNode;
  passed: string;
}) {
  const { result, texts } = props;
  const rejected = result.rejected;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={props.testIds.check}>
      {props.summary}
      {rejected.length === 0 ? (
        <Alert type="success" showIcon title={props.passed} />
      ) : (
        <>
          <Alert
            type="error"
            showIcon
            title={texts.failed(result)}
            description={texts.failedDetail?.(result)}
          />
          <Table<RejectedRow>
            size="small"
            rowKey={(r) => `${r.row}/${r.field}/${r.code}`}
            dataSource={rejected}
            pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
            data-testid={props.testIds.rejected}
            columns={[
              {
                title: texts.row,
                dataIndex: 'row',
                width: 100,
                render: (row: number) => texts.rowValue(row),
              },
              { title: texts.column, dataIndex: 'field', width: 130 },
              { title: texts.message, dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Space>
  );
}

/**
 * The console's one upload of an Excel file with a dry run: the choices the file goes with
 * (`fields`, over `params`), then the file, checked first (dryRun: true, nothing kept) with every
 * rejected row named by row and column; only a file without problems can be imported (确认导入),
 * and pressing it again after a lost answer is a retry of the same submission (the API client keeps
 * its Idempotency-Key: the same file and choices).
 * Changing a choice checks the file again; an answer for an earlier choice is dropped. A file
 * refused as a whole (by the check or by the import) shows that one message and nothing to import.
 */
export function DryRunUploadModal<P, R extends DryRunResult>(props: {
  texts: UploadTexts;
  testIds: UploadTestIds;
  width: number;
  initialParams: P;
  /** The form items of the choices (nothing to render: null); `done` once the file is imported. */
  fields: (params: P, setParams: (params: P) => void, done: boolean) => ReactNode;
  /** Why no file can be chosen yet (the choices are incomplete), or null. */
  blocked?: (params: P) => string | null;
  /**
   * The request: a dry run or the import; null while the choices are incomplete (nothing sent).
   * `onProgress` is the upload's (the API client's `upload`), shown while it runs.
   */
  send: (
    file: File,
    params: P,
    options: { dryRun: boolean; onProgress: (p: UploadProgress) => void },
  ) => Promise<R> | null;
  /** Whether an import's answer is done (else its rows are shown as a check shows them). */
  imported: (result: R) => boolean;
  /** Whether a check without problems may be imported (all pass by default). */
  importable?: (result: R) => boolean;
  /** Above a check's outcome (the counts). */
  summary?: (result: R) => ReactNode;
  /** A check without problems. */
  passed: (result: R, params: P) => string;
  /** What the import did. */
  outcome: (result: R, params: P) => ReactNode;
  /** The file back annotated with its problems, offered while rows are rejected. */
  errorFile?: { label: string; download: (file: File, params: P) => Promise<unknown> };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { texts, testIds } = props;
  const [params, setParamsState] = useState<P>(props.initialParams);
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<R | null>(null);
  const [done, setDone] = useState<R | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [fetchingErrors, setFetchingErrors] = useState(false);
  const [sending, setSending] = useState<UploadProgress | null>(null);
  // the latest choice checked: an answer for an earlier one is dropped
  const latest = useRef(0);

  const runCheck = async (f: File | null, p: P) => {
    const token = ++latest.current;
    setCheck(null);
    setDone(null);
    setError(null);
    setChecking(false);
    setSending(null);
    const onProgress = (u: UploadProgress) => token === latest.current && setSending(u);
    const request = f && props.send(f, p, { dryRun: true, onProgress });
    if (!request) return;
    setChecking(true);
    try {
      const result = await request;
      if (token === latest.current) setCheck(result);
    } catch (err) {
      if (token === latest.current) setError(errorMessage(err));
    } finally {
      if (token === latest.current) setChecking(false);
    }
  };
  const setParams = (p: P) => {
    setParamsState(p);
    if (file) void runCheck(file, p);
  };
  const importFile = async () => {
    const token = latest.current;
    setSending(null);
    const onProgress = (u: UploadProgress) => token === latest.current && setSending(u);
    const request = file && props.send(file, params, { dryRun: false, onProgress });
    if (!request) return;
    setError(null);
    setCommitting(true);
    try {
      const result = await request;
      // rows made invalid meanwhile (another upload): shown as a check would show them
      if (props.imported(result)) setDone(result);
      else setCheck(result);
    } catch (err) {
      // the import was refused as a whole (e.g. the month closed meanwhile): that is the one
      // state shown, and the check it contradicts goes, with the button it enabled
      setCheck(null);
      setError(errorMessage(err));
    } finally {
      setCommitting(false);
    }
  };
  const getErrorFile = async () => {
    if (!file || !props.errorFile) return;
    setFetchingErrors(true);
    try {
      await props.errorFile.download(file, params);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setFetchingErrors(false);
    }
  };

  const canImport = Boolean(
    file && check && check.rejected.length === 0 && (props.importable?.(check) ?? true) && !done,
  );
  const footer = done ? (
    <Button type="primary" onClick={props.onClose}>
      {texts.done}
    </Button>
  ) : (
    <Space>
      <Button onClick={props.onClose}>{t('common.cancel')}</Button>
      {props.errorFile && check && check.rejected.length > 0 && (
        <Button
          icon={<DownloadOutlined />}
          loading={fetchingErrors}
          onClick={() => void getErrorFile()}
        >
          {props.errorFile.label}
        </Button>
      )}
      <Button
        type="primary"
        disabled={!canImport}
        loading={committing}
        onClick={() => void importFile()}
      >
        {texts.confirm}
      </Button>
    </Space>
  );
  const fields = props.fields(params, setParams, Boolean(done));
  const blocked = props.blocked?.(params) ?? null;

  return (
    <Modal
      open
      width={props.width}
      title={texts.title}
      onCancel={props.onClose}
      footer={footer}
      destroyOnHidden
      maskClosable={false}
    >
      {fields && (
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
          {fields}
        </Form>
      )}
      {!done && (
        <Upload.Dragger
          accept={XLSX_ACCEPT}
          multiple={false}
          maxCount={1}
          disabled={blocked !== null}
          fileList={
            file ? [{ uid: 'file', name: file.name, status: checking ? 'uploading' : 'done' }] : []
          }
          beforeUpload={(f) => {
            setFile(f);
            void runCheck(f, params);
            return false;
          }}
          onRemove={() => {
            latest.current++;
            setFile(null);
            setCheck(null);
            setError(null);
            setChecking(false);
          }}
          data-testid={testIds.file}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{blocked ?? texts.drop}</p>
          <p className="ant-upload-hint">{texts.hint}</p>
        </Upload.Dragger>
      )}
      <div style={{ marginTop: done && !fields ? 0 : 16 }}>
        {checking && <Typography.Text type="secondary">{texts.checking}</Typography.Text>}
        {(checking || committing) && (
          <UploadProgressBar sending={sending} testId={testIds.progress ?? 'upload-progress'} />
        )}
        {error && <Alert type="error" showIcon title={error} data-testid={testIds.error} />}
        {check && !done && (
          <CheckOutcome
            result={check}
            texts={texts}
            testIds={testIds}
            summary={props.summary?.(check)}
            passed={props.passed(check, params)}
          />
        )}
        {done && <div data-testid={testIds.done}>{props.outcome(done, params)}</div>}
      </div>
    </Modal>
  );
}
