import type { SubjectExportMessages } from './subjectExport.zh-CN.ts';

/** The roster's Excel export in English: the same keys as subjectExport.zh-CN.ts. */
const subjectExportMessages: SubjectExportMessages = {
  subjectExport: {
    button: 'Export Excel',
    masked: 'Masked export',
    full: 'Full export',
    fullTitle: 'Export the roster in full',
    fullHint:
      'A full export holds complete ID numbers and phones: give a reason (at least 2 characters); the export is written to the audit log',
    reason: 'Reason for the export',
    submit: 'Export',
    exported: '{{name}} exported',
    fileName: 'roster-{{date}}.xlsx',
  },
};

export default subjectExportMessages;
