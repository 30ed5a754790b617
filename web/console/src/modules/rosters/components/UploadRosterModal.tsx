import { Form, Result } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DryRunUploadModal } from '../../../lib/DryRunUploadModal.tsx';
import { downloadErrorFile, useImportRoster, type ImportResult } from '../api.ts';
import { formatMonth } from '../month.ts';
import { MonthPicker } from './MonthPicker.tsx';

/**
 * Where the rows go when that is not the month's own round: its correction round, or the next
 * month's round (the month asked for is approved). Empty when they go where asked.
 */
function intoNote(t: TFunction, result: ImportResult): string {
  return (result.into ?? [])
    .flatMap((i) =>
      i.correctsMonth
        ? [
            t('roundFlow.into.next', {
              from: formatMonth(i.correctsMonth),
              month: formatMonth(i.month),
            }),
          ]
        : i.sequence > 0
          ? [t('roundFlow.into.same', { month: formatMonth(i.month), sequence: i.sequence })]
          : [],
    )
    .filter((note, i, all) => all.indexOf(note) === i)
    .join(t('roundFlow.listSep'));
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
      subTitle={
        <>
          {unchanged > 0 && <div>{t('rosters.importedUnchanged', { count: unchanged })}</div>}
          {intoNote(t, result) && <div data-testid="upload-into">{intoNote(t, result)}</div>}
          {/* the rows are in the round, not yet with the street */}
          <div data-testid="upload-next">{t('rosters.importedNotSubmitted', { month: m })}</div>
        </>
      }
    />
  );
}

/**
 * 上传名册: the month, then the file, checked first (POST /api/subjects/import?dryRun=true), every
 * rejected row shown with a way to get the file back annotated; only a file without problems can
 * be imported.
 */
export function UploadRosterModal(props: { month: string; onClose: () => void }) {
  const { t } = useTranslation();
  const importRoster = useImportRoster();
  return (
    <DryRunUploadModal<string, ImportResult>
      width={800}
      initialParams={props.month}
      texts={{
        title: t('rosters.uploadTitle'),
        drop: t('rosters.uploadDrop'),
        hint: t('rosters.uploadHint'),
        checking: t('rosters.checking'),
        confirm: t('rosters.confirmImport'),
        done: t('rosters.done'),
        row: t('rosters.row'),
        rowValue: (row) => t('rosters.rowValue', { row }),
        column: t('rosters.field'),
        message: t('rosters.message'),
        failed: (r) =>
          t('rosters.checkFailed', {
            problems: r.rejected.length,
            rows: new Set(r.rejected.map((x) => x.row)).size,
          }),
        failedDetail: (r) => t('rosters.acceptedRows', { count: r.accepted }),
      }}
      testIds={{
        file: 'upload-file',
        check: 'upload-check',
        rejected: 'rejected-rows',
        error: 'upload-error',
        done: 'upload-done',
      }}
      fields={(month, setMonth, done) => (
        <Form.Item label={t('rosters.uploadMonth')}>
          <MonthPicker id="upload-month" value={month} onChange={setMonth} disabled={done} />
        </Form.Item>
      )}
      send={(file, month, options) => importRoster.mutateAsync({ file, month, ...options })}
      imported={(r) => r.rejected.length === 0}
      passed={(r, month) =>
        [t('rosters.checkPassed', { count: r.accepted, month: formatMonth(month) }), intoNote(t, r)]
          .filter(Boolean)
          .join(t('roundFlow.noteSep'))
      }
      outcome={(r, month) => <ImportOutcome result={r} month={month} />}
      errorFile={{
        label: t('rosters.downloadErrorFile'),
        download: (file, month) => downloadErrorFile(file, month),
      }}
      onClose={props.onClose}
    />
  );
}
