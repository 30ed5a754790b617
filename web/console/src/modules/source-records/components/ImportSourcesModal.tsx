import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Modal,
  Result,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sources, type Source } from '../../../../../../server/modules/source-records/contract.ts';
import { newIdempotencyKey } from '../../../../../shared/api.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { shanghaiToday } from '../../subjects/dates.ts';
import { downloadSourceTemplate, useImportSourceRecords, type ImportResult } from '../api.ts';
import { sourceName } from '../labels.ts';

type Rejected = ImportResult['rejected'][number];

/** What the dry run found: rows on the roster, rows not on it, and every problem. */
function CheckOutcome({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="source-check">
      <Space size="large">
        <Statistic title={t('sources.accepted')} value={result.accepted} />
        <Statistic title={t('sources.unmatched')} value={result.unmatched} />
        <Statistic
          title={t('sources.rejected')}
          value={result.rejected.length}
          styles={result.rejected.length ? { content: { color: '#cf1322' } } : undefined}
        />
      </Space>
      {result.rejected.length === 0 ? (
        <Alert
          type="success"
          showIcon
          title={t('sources.checkPassed', { count: result.accepted, values: result.values })}
        />
      ) : (
        <>
          <Alert
            type="error"
            showIcon
            title={t('sources.checkFailed', { count: result.rejected.length })}
          />
          <Table<Rejected>
            size="small"
            rowKey={(r) => `${r.row}/${r.field}/${r.code}`}
            dataSource={result.rejected}
            pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
            data-testid="source-rejected"
            columns={[
              {
                title: t('sources.row'),
                dataIndex: 'row',
                width: 100,
                render: (row: number) => t('sources.rowValue', { row }),
              },
              { title: t('sources.column'), dataIndex: 'field', width: 130 },
              { title: t('sources.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Space>
  );
}

/**
 * 导入部门数据: the source and the date of the data, then the file, checked first (dryRun=true,
 * nothing kept); only a file without problems can be imported (确认导入).
 */
export function ImportSourcesModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [source, setSource] = useState<Source | undefined>();
  const [asOf, setAsOf] = useState<string>(shanghaiToday());
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dryRun = useImportSourceRecords();
  const commit = useImportSourceRecords();
  // the latest choice checked: an answer for an earlier one is dropped
  const latest = useRef(0);
  // one key per checked choice: pressing 确认导入 again after a lost answer is a retry
  const importKey = useRef('');

  const runCheck = async (f: File | null, s: Source | undefined, date: string) => {
    const token = ++latest.current;
    setCheck(null);
    setError(null);
    if (!f || !s || !date) return;
    importKey.current = newIdempotencyKey();
    try {
      const result = await dryRun.mutateAsync({ file: f, source: s, asOf: date, dryRun: true });
      if (token === latest.current) setCheck(result);
    } catch (err) {
      if (token === latest.current) setError(errorMessage(err));
    }
  };
  const importFile = async () => {
    if (!file || !source) return;
    setError(null);
    try {
      const result = await commit.mutateAsync({
        file,
        source,
        asOf,
        dryRun: false,
        idempotencyKey: importKey.current,
      });
      if (result.committed) setDone(result);
      else setCheck(result);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const getTemplate = async () => {
    try {
      await downloadSourceTemplate(t('sources.templateFile'));
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const canImport = Boolean(check && check.rejected.length === 0 && check.accepted > 0 && !done);
  const footer = done ? (
    <Button type="primary" onClick={onClose}>
      {t('sources.done')}
    </Button>
  ) : (
    <Space>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button
        type="primary"
        disabled={!canImport}
        loading={commit.isPending}
        onClick={() => void importFile()}
      >
        {t('sources.confirm')}
      </Button>
    </Space>
  );

  return (
    <Modal
      open
      width={760}
      title={t('sources.importTitle')}
      onCancel={onClose}
      footer={footer}
      destroyOnHidden
      maskClosable={false}
    >
      {done ? (
        <Result
          status="success"
          data-testid="source-done"
          title={t('sources.imported', { count: done.accepted, values: done.values })}
        />
      ) : (
        <>
          <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
            <Form.Item label={t('sources.source')} required>
              <Select<Source>
                id="source-select"
                value={source}
                placeholder={t('sources.source')}
                onChange={(s) => {
                  setSource(s);
                  void runCheck(file, s, asOf);
                }}
                options={sources.map((s) => ({ value: s, label: sourceName(t, s) }))}
                style={{ width: 170 }}
              />
            </Form.Item>
            <Form.Item label={t('sources.date')} required>
              <DatePicker
                id="source-date"
                allowClear={false}
                value={dayjs(asOf)}
                disabledDate={(d) => d.isAfter(dayjs(shanghaiToday()), 'day')}
                onChange={(d) => {
                  const date = d ? d.format('YYYY-MM-DD') : '';
                  setAsOf(date);
                  void runCheck(file, source, date);
                }}
              />
            </Form.Item>
            <Form.Item>
              <Button type="link" icon={<DownloadOutlined />} onClick={() => void getTemplate()}>
                {t('sources.template')}
              </Button>
            </Form.Item>
          </Form>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            maxCount={1}
            disabled={!source}
            fileList={
              file
                ? [
                    {
                      uid: 'file',
                      name: file.name,
                      status: dryRun.isPending ? 'uploading' : 'done',
                    },
                  ]
                : []
            }
            beforeUpload={(f) => {
              setFile(f);
              void runCheck(f, source, asOf);
              return false;
            }}
            onRemove={() => {
              latest.current++;
              setFile(null);
              setCheck(null);
              setError(null);
            }}
            data-testid="source-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{source ? t('sources.drop') : t('sources.required')}</p>
            <p className="ant-upload-hint">{t('sources.hint')}</p>
          </Upload.Dragger>
          <div style={{ marginTop: 16 }}>
            {dryRun.isPending && (
              <Typography.Text type="secondary">{t('sources.checking')}</Typography.Text>
            )}
            {error && <Alert type="error" showIcon title={error} data-testid="source-error" />}
            {check && <CheckOutcome result={check} />}
          </div>
        </>
      )}
    </Modal>
  );
}
