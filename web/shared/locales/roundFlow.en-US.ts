import type { RoundFlowMessages } from './roundFlow.zh-CN.ts';

/** The monthly round's flow in English: the same keys as roundFlow.zh-CN.ts. */
const roundFlowMessages: RoundFlowMessages = {
  roundFlow: {
    submitTitle: 'Submit the {{month}} roster of {{street}}?',
    submitContent:
      'This submits the whole street’s {{rows}} changes from {{communities}} communities: {{list}}. The street then reviews them, and no community can change anything until the street returns the roster or the submission is withdrawn.',
    submitItem: '{{name}} {{rows}}',
    noteSep: '; ',
    listSep: ', ',
    submitMissing: 'Communities that have not uploaded: {{names}}',
    submitAllIn: 'Every community of the street has uploaded.',
    submitOk: 'Submit',
    reopen: 'Withdraw submission',
    reopenTitle: 'Withdraw the submission of the {{month}} roster?',
    reopenContent:
      'The roster is open again: communities may change it, then it must be submitted to the street again.',
    reopened: 'Submission withdrawn: the roster is open again',
    correct: 'Enter corrections',
    correctionTag: 'Correction {{sequence}}',
    correctionTitle: 'Correction {{sequence}}',
    correctionAlert:
      'This month’s roster is approved. Corrections from now on (a death, a move, changed details) go into a correction round of {{month}} through “Enter corrections” or a removal from the household file; the street reviews them the same way.',
    correctionAlertNext:
      'This month’s roster is approved. Corrections from now on (a death, a move, changed details) go into next month’s roster; the street reviews them the same way.',
    monthRounds: 'Rounds of the month',
    mainRound: 'Monthly roster',
    submittedBy: 'Submitted by',
    reopenedAt: 'Submission withdrawn',
    into: {
      same: 'The {{month}} roster is approved: the rows go into correction {{sequence}}',
      next: 'The {{from}} roster is approved: the rows go into the {{month}} roster',
    },
    progress: {
      title: 'Communities’ progress',
      community: 'Community',
      state: 'Upload',
      uploaded: 'Uploaded',
      notUploaded: 'Not uploaded',
      rows: 'Changes',
      rejected: 'Rows refused at the last upload',
      returned: 'Returned (not fixed)',
      lastUpload: 'Last upload',
      none: '—',
    },
  },
};

export default roundFlowMessages;
