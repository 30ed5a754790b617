import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../../lib/ExportButton.tsx';

/**
 * 导出 Excel of a roster list (the month's streets, a round's changes) in the roster's words: the
 * console's one export button. `run` downloads (a reason: in full) and returns the file's name.
 */
export function ExportRosterButton(props: Omit<ComponentProps<typeof ExportButton>, 'texts'>) {
  const { t } = useTranslation();
  return (
    <ExportButton
      {...props}
      texts={{
        button: t('rosters.export.button'),
        masked: t('rosters.export.masked'),
        full: t('rosters.export.full'),
        fullTitle: t('rosters.export.fullTitle'),
        fullHint: t('rosters.export.fullHint'),
        reasonLabel: t('rosters.export.reason'),
        submit: t('rosters.export.submit'),
        exported: (name) => t('rosters.export.exported', { name }),
      }}
    />
  );
}
