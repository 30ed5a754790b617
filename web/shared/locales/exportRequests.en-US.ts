import type { ExportRequestMessages } from './exportRequests.zh-CN.ts';

const exportRequestMessages: ExportRequestMessages = {
  exportRequests: {
    title: 'Export requests',
    intro:
      'A full export (full ID numbers, phones and addresses) of many people needs a district officer’s approval: once approved the file is made, and its requester may download it once while it is valid. Every step is in the audit log.',
    mine: 'My requests',
    toDecide: 'To decide',
    empty: 'No export requests',
    kinds: { subjects: 'Roster of subjects', roster_round: 'Changes of a monthly roster' },
    statuses: {
      requested: 'Waiting for approval',
      approved: 'Approved',
      refused: 'Refused',
      downloaded: 'Downloaded',
      expired: 'Expired',
      failed: 'File not made',
    },
    preparing: 'File being made',
    columns: {
      requestedAt: 'Requested',
      kind: 'Export',
      scope: 'Area',
      people: 'People',
      reason: 'Reason',
      requester: 'Requested by',
      status: 'Status',
      expiresAt: 'Download until',
      decision: 'Decision note',
    },
    people: '{{count}} people',
    month: 'Month {{month}}',
    download: 'Download',
    downloaded: 'Downloaded {{name}} (once only)',
    fileName: 'export.xlsx',
    decide: 'Decide',
    decideTitle: 'Decide the export request',
    filters: 'Filters',
    noFilters: 'None (everyone in the area)',
    note: 'Decision note',
    noteHint: 'A refusal needs a note (at least 2 characters); an approval may have none',
    approve: 'Approve',
    refuse: 'Refuse',
    approved: 'Approved: once the file is made its requester may download it once',
    refused: 'Refused',
    dialogHint:
      'A full export of more than the set number of people needs a district officer’s approval; then it is downloaded once while valid.',
    needsApproval: 'Approval needed',
    submitRequest: 'Request approval',
    requested: 'Export requested: once approved, download it from the Export requests page',
  },
};

export default exportRequestMessages;
