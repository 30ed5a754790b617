import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type {
  AuditProblemView,
  AuditVerificationView,
} from '../../../../../../server/modules/audit/contract.ts';
import { formatDateTime } from '../../../../../shared/format.ts';

type Verification = z.infer<typeof AuditVerificationView>;
type Problem = z.infer<typeof AuditProblemView>;

/** POST /api/audit-log/verify's answer: intact or each problem, and the newest signed checkpoint. */
export function VerifyResult({ result, onClose }: { result: Verification; onClose(): void }) {
  const { t } = useTranslation();
  const problemText = (p: Problem) => {
    switch (p.kind) {
      case 'forged_rows':
        return t('auditVerify.problems.forged_rows', { count: p.count, ids: p.ids.join(', ') });
      case 'tail_cut':
      case 'checkpoint_mismatch':
        return t(`auditVerify.problems.${p.kind}`, {
          ...p,
          checkpointAt: formatDateTime(p.checkpointAt),
        });
      default:
        return t(`auditVerify.problems.${p.kind}`, p);
    }
  };
  const c = result.checkpoint;
  return (
    <Alert
      data-testid="audit-verify-result"
      style={{ marginBottom: 16 }}
      showIcon
      closable={{ onClose }}
      type={result.ok ? 'success' : 'error'}
      title={result.ok ? t('auditVerify.ok') : t('auditVerify.broken')}
      description={
        <>
          <div>
            {result.ok
              ? t('auditVerify.okDesc', { checked: result.checked, unsealed: result.unsealed })
              : t('auditVerify.brokenDesc', {
                  checked: result.checked,
                  count: result.problems.length,
                })}
          </div>
          {result.problems.length > 0 && (
            <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
              {result.problems.map((p, i) => (
                <li key={i} data-testid="audit-verify-problem" data-kind={p.kind}>
                  {problemText(p)}
                </li>
              ))}
            </ul>
          )}
          <div data-testid="audit-verify-checkpoint">
            {c
              ? t('auditVerify.checkpoint', {
                  seq: c.seq,
                  at: formatDateTime(c.at),
                  file: c.file,
                  line: c.line,
                })
              : t('auditVerify.noCheckpoint')}
          </div>
        </>
      }
    />
  );
}
