import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Result, Select, Space, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { sources, type Source } from '../../../../../../server/modules/source-records/contract.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { DryRunUploadModal } from '../../../lib/DryRunUploadModal.tsx';
import { shanghaiToday } from '../../subjects/dates.ts';
import { downloadSourceTemplate, useImportSourceRecords, type ImportResult } from '../api.ts';
import { sourceName } from '../labels.ts';

/** The source and the date of the data: both needed before a file is checked. */
type Choice = { source: Source | undefined; asOf: string };

/** The dry run's counts: rows on the roster, rows not on it, and the problems. */
function CheckCounts({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  return (
    <Space size="large">
      <Statistic title={t('sources.accepted')} value={result.accepted} />
      <Statistic title={t('sources.unmatched')} value={result.unmatched} />
      <Statistic
        title={t('sources.rejected')}
        value={result.rejected.length}
        styles={result.rejected.length ? { content: { color: '#cf1322' } } : undefined}
      />
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
  const importSources = useImportSourceRecords();
  const getTemplate = async () => {
    try {
      await downloadSourceTemplate(t('sources.templateFile'));
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  return (
    <DryRunUploadModal<Choice, ImportResult>
      width={760}
      initialParams={{ source: undefined, asOf: shanghaiToday() }}
      texts={{
        title: t('sources.importTitle'),
        drop: t('sources.drop'),
        hint: t('sources.hint'),
        checking: t('sources.checking'),
        confirm: t('sources.confirm'),
        done: t('sources.done'),
        row: t('sources.row'),
        rowValue: (row) => t('sources.rowValue', { row }),
        column: t('sources.column'),
        message: t('sources.message'),
        failed: (r) => t('sources.checkFailed', { count: r.rejected.length }),
      }}
      testIds={{
        file: 'source-file',
        check: 'source-check',
        rejected: 'source-rejected',
        error: 'source-error',
        done: 'source-done',
      }}
      fields={(choice, choose, done) =>
        done ? null : (
          <>
            <Form.Item label={t('sources.source')} required>
              <Select<Source>
                id="source-select"
                value={choice.source}
                placeholder={t('sources.source')}
                onChange={(source) => choose({ ...choice, source })}
                options={sources.map((s) => ({ value: s, label: sourceName(t, s) }))}
                style={{ width: 170 }}
              />
            </Form.Item>
            <Form.Item label={t('sources.date')} required>
              <DatePicker
                id="source-date"
                allowClear={false}
                value={dayjs(choice.asOf)}
                disabledDate={(d) => d.isAfter(dayjs(shanghaiToday()), 'day')}
                onChange={(d) => choose({ ...choice, asOf: d ? d.format('YYYY-MM-DD') : '' })}
              />
            </Form.Item>
            <Form.Item>
              <Button type="link" icon={<DownloadOutlined />} onClick={() => void getTemplate()}>
                {t('sources.template')}
              </Button>
            </Form.Item>
          </>
        )
      }
      blocked={(choice) => (choice.source ? null : t('sources.required'))}
      send={(file, { source, asOf }, options) =>
        source && asOf ? importSources.mutateAsync({ file, source, asOf, ...options }) : null
      }
      imported={(r) => r.committed}
      importable={(r) => r.accepted > 0}
      summary={(r) => <CheckCounts result={r} />}
      passed={(r) => t('sources.checkPassed', { count: r.accepted, values: r.values })}
      outcome={(r) => (
        <Result
          status="success"
          title={t('sources.imported', { count: r.accepted, values: r.values })}
        />
      )}
      onClose={onClose}
    />
  );
}
