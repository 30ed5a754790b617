import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RevealableEntryField } from '../../../../../../server/modules/rosters/contract.ts';
import type { z } from 'zod';
import type { EntryView } from '../api.ts';
import zhCN from '../../../../../shared/locales/zh-CN.ts';
import { changeValue, fieldLabel } from '../labels.tsx';

type Proposed = NonNullable<EntryView['proposed']>;
type Revealable = z.infer<typeof RevealableEntryField>;

/**
 * Every field a joining or changed person would have on the roster, one a line, masked as every
 * list masks them (the reviewer approves nothing blind); a masked value offers 查看 where the user
 * may reveal it (with a reason, audited).
 */
export function ProposedFields(props: {
  proposed: Proposed;
  kind: 'elder' | 'child';
  onReveal?: (field: Revealable) => void;
}) {
  const { t } = useTranslation();
  const { proposed: p, kind, onReveal } = props;
  const relationLabel = (code: string) =>
    Object.hasOwn(zhCN.rosters.relations, code)
      ? t(`rosters.relations.${code as keyof typeof zhCN.rosters.relations}`)
      : code;
  const lines: [string, string, Revealable?][] = [
    [
      'sexAge',
      `${t(`subjects.sexes.${p.sex}`)}${t('rosters.listSep')}${t('subjects.ageValue', { age: p.age })}`,
    ],
    ['phone', p.phoneMasked ?? t('rosters.emptyValue'), p.phoneMasked ? 'phone' : undefined],
    ['address', p.addressMasked, 'address'],
    ['categories', changeValue(t, 'categories', p.categories.join('、'), kind)],
    ['careLevel', changeValue(t, 'careLevel', p.careLevel, kind)],
    ['consent', changeValue(t, 'consent', p.consent, kind)],
    ...(p.consentDate ? ([['consentDate', p.consentDate]] as [string, string][]) : []),
    ...(p.refusalReason ? ([['refusalReason', p.refusalReason]] as [string, string][]) : []),
    [
      'emergencyContact',
      p.emergencyContact
        ? `${p.emergencyContact} ${p.emergencyPhoneMasked ?? ''}`.trim()
        : t('rosters.emptyValue'),
      p.emergencyPhoneMasked ? 'emergencyPhone' : undefined,
    ],
    ...(p.householdKey
      ? ([
          [
            'householdKey',
            p.relationToHead
              ? `${p.householdKey}${t('rosters.listSep')}${relationLabel(p.relationToHead)}`
              : p.householdKey,
          ],
        ] as [string, string][])
      : []),
    ...(p.hasHealthNotes
      ? ([['healthNotes', t('rosters.hiddenValue')]] as [string, string][])
      : []),
  ];
  return (
    <div data-testid="entry-proposed" style={{ minWidth: 260, fontSize: 12, lineHeight: 1.7 }}>
      {lines.map(([field, value, revealable]) => (
        <div key={field} data-testid={`proposed-${field}`}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {field === 'sexAge' ? t('rosters.sexAge') : fieldLabel(t, field)}
            {t('rosters.fieldSep')}
          </Typography.Text>
          <span data-testid="proposed-value">{value}</span>
          {onReveal && revealable && (
            <Button
              type="link"
              size="small"
              style={{ fontSize: 12, height: 'auto', padding: '0 4px' }}
              onClick={() => onReveal(revealable)}
            >
              {t('rosters.reveal.action')}
            </Button>
          )}
        </div>
      ))}
    </div>
  );
}
