import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import {
  subjectEndpoints,
  type ExportSubjectsBody,
} from '../../../../../../server/modules/subjects/contract.ts';
import { download } from '../../../../../shared/api.ts';
import { ExportButton } from '../../../lib/ExportButton.tsx';
import { requestExport } from '../../export-requests/api.ts';
import { shanghaiStamp } from '../dates.ts';

export type ExportFilters = Omit<z.input<typeof ExportSubjectsBody>, 'unmasked' | 'reason'>;

/**
 * 导出 Excel of the roster as filtered (with the 精确查找 number when that is what is shown):
 * masked for everyone, in full with a reason for those who may reveal
 * (POST /api/subjects/export; the browser saves the file).
 */
export function ExportSubjectsButton(props: { filters: ExportFilters; canReveal: boolean }) {
  const { t } = useTranslation();
  const run = (reason: string | null) =>
    download(subjectEndpoints.exportSubjects, {
      body: { ...props.filters, unmasked: reason !== null, reason: reason ?? undefined },
      fileName: t('subjectExport.fileName', { date: shanghaiStamp() }),
    });
  return (
    <ExportButton
      run={run}
      full={props.canReveal}
      request={
        // a search by number matches a few people: never more than may be exported at once
        props.filters.idNumber || props.filters.phone
          ? undefined
          : (reason) => {
              const { idNumber: _id, phone: _phone, ...filters } = props.filters;
              return requestExport({ kind: 'subjects', filters, reason });
            }
      }
      testId="export-subjects"
      texts={{
        button: t('subjectExport.button'),
        masked: t('subjectExport.masked'),
        full: t('subjectExport.full'),
        fullTitle: t('subjectExport.fullTitle'),
        fullHint: t('subjectExport.fullHint'),
        reasonLabel: t('subjectExport.reason'),
        submit: t('subjectExport.submit'),
        exported: (name) => t('subjectExport.exported', { name }),
      }}
    />
  );
}
