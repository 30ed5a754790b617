import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../../../../server/modules/users/contract.ts';
import { RevealValueModal } from '../../../lib/RevealValueModal.tsx';
import { useRevealPhone } from '../api.ts';

/** POST /api/users/:id/reveal-phone with a reason; the read is written to the audit log. */
export function RevealPhoneModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { t } = useTranslation();
  const reveal = useRevealPhone();
  return (
    <RevealValueModal
      texts={{
        title: t('users.revealTitle', { name: user.displayName }),
        submit: t('users.revealPhone'),
        label: t('users.revealed'),
        hint: t('users.revealReasonHint'),
        reasonLabel: t('users.revealReason'),
        empty: t('users.noPhone'),
      }}
      reveal={async (reason) => (await reveal.mutateAsync({ id: user.id, reason })).phone}
      pending={reveal.isPending}
      onClose={onClose}
      testId="revealed-phone"
    />
  );
}
