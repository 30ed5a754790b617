import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { RevealableEntryField } from '../../../../../../server/modules/rosters/contract.ts';
import { RevealValueModal } from '../../../lib/RevealValueModal.tsx';
import { useRevealEntry } from '../api.ts';
import { fieldLabel } from '../labels.tsx';

export type RevealChangeTarget = {
  roundId: string;
  entryId: string;
  name: string;
  field: z.infer<typeof RevealableEntryField>;
};

/**
 * POST /api/roster-rounds/:id/entries/:entryId/reveal with a reason: one field of a change in
 * full, as the live roster held it and as proposed; the read is written to the audit log.
 */
export function RevealChangeModal(props: { target: RevealChangeTarget; onClose: () => void }) {
  const { t } = useTranslation();
  const reveal = useRevealEntry();
  const { target } = props;
  const field = fieldLabel(t, target.field);
  return (
    <RevealValueModal
      texts={{
        title: t('rosters.reveal.title', { name: target.name, field }),
        submit: t('rosters.reveal.submit'),
        label: field,
        hint: t('rosters.reveal.hint'),
        reasonLabel: t('rosters.reveal.reason'),
        empty: t('rosters.reveal.empty'),
      }}
      reveal={async (reason) => {
        const v = await reveal.mutateAsync({
          id: target.roundId,
          entryId: target.entryId,
          field: target.field,
          reason,
        });
        return [
          { label: t('rosters.reveal.before'), value: v.before, testId: 'revealed-before' },
          { label: t('rosters.reveal.after'), value: v.after, testId: 'revealed-after' },
        ];
      }}
      pending={reveal.isPending}
      onClose={props.onClose}
      testId="revealed-change"
    />
  );
}
