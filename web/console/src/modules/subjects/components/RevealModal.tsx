import { useTranslation } from 'react-i18next';
import { RevealValueModal } from '../../../lib/RevealValueModal.tsx';
import { useRevealSubject, type RevealableField } from '../api.ts';

export type RevealTarget = { subjectId: string; name: string; field: RevealableField };

/**
 * POST /api/subjects/:id/reveal with a reason: one field in full (ID number, phone, address), the
 * read written to the audit log. The address is the household's, asked for through a member.
 */
export function RevealModal({ target, onClose }: { target: RevealTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const reveal = useRevealSubject();
  const field = t(`households.revealFields.${target.field}`);
  return (
    <RevealValueModal
      texts={{
        title: t('households.revealTitle', { name: target.name, field }),
        submit: t('households.revealSubmit'),
        label: field,
        hint: t('households.revealReasonHint'),
        reasonLabel: t('households.revealReason'),
        empty: t('households.notRecorded'),
      }}
      reveal={async (reason) =>
        (await reveal.mutateAsync({ id: target.subjectId, field: target.field, reason })).value
      }
      pending={reveal.isPending}
      onClose={onClose}
      testId="revealed-value"
    />
  );
}
