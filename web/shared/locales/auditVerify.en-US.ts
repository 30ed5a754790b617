import type { AuditVerifyMessages } from './auditVerify.zh-CN.ts';

/** The audit log's verification in English: the same keys as auditVerify.zh-CN.ts. */
const auditVerifyMessages: AuditVerifyMessages = {
  auditVerify: {
    ok: 'The audit log is intact',
    okDesc:
      'Entries verified in the hash chain with their signatures: {{checked}}; waiting to be sealed: {{unsealed}}.',
    broken: 'The audit log has problems',
    brokenDesc: 'Entries verified: {{checked}}. Problems found: {{count}}. Look into them now:',
    checkpoint: 'Latest signed checkpoint: entry {{seq}}, {{at}}, file {{file}} line {{line}}.',
    noCheckpoint: 'No signed checkpoint yet (one is written after sealing).',
    problems: {
      chain_broken: 'The hash chain breaks at entry {{seq}}: it was changed, deleted or relinked.',
      row_mac_invalid: 'Entry {{seq}} has a wrong signature: this system did not write it.',
      forged_rows:
        'Entries without a valid signature, not sealed into the chain (not written by this system, probably inserted straight into the database): {{count}}, ids {{ids}}.',
      tail_cut:
        'The newest entries were deleted: entries {{fromSeq}}–{{toSeq}} are missing (checkpoint {{checkpointAt}}, file {{file}}).',
      checkpoint_mismatch:
        'Entry {{seq}} differs from the checkpoint ({{checkpointAt}}, file {{file}}): the entries after {{sinceSeq}} were replaced.',
      checkpoint_invalid:
        'Line {{line}} of checkpoint file {{file}} has a wrong signature (altered or forged).',
    },
    refused: 'Forged',
    refusals: {
      no_mac: 'No signature: this system did not write it',
      bad_mac: 'Wrong signature: this system did not write it',
      late_legacy: 'Passed off as an entry from before the upgrade',
    },
  },
};

export default auditVerifyMessages;
