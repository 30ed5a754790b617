import { Button, Space, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  revealableEntryFields,
  type RemovalReason,
  type RevealableEntryField,
  type RoundStatus,
} from '../../../../../server/modules/rosters/contract.ts';
import type { SubjectKind } from '../../../../../server/modules/subjects/contract.ts';
import zhCN from '../../../../shared/locales/zh-CN.ts';
import { categoryLabel, levelLabel } from '../subjects/labels.tsx';
import type { z } from 'zod';

/*
 * The names of the rosters contract's codes, from the locale files. A field or value the server
 * sends that this build does not know shows as itself.
 */

type Status = z.infer<typeof RoundStatus>;
type Reason = z.infer<typeof RemovalReason>;
type Field = keyof typeof zhCN.rosters.fields;

const statusColours: Record<Status, string> = {
  open: 'blue',
  submitted: 'gold',
  returned: 'volcano',
  approved: 'green',
};

export function RoundStatusTag({ status, testId }: { status: Status; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColours[status]} data-testid={testId ?? 'round-status'}>
      {t(`rosters.statuses.${status}`)}
    </Tag>
  );
}

export function MissingTag() {
  const { t } = useTranslation();
  return (
    <Tag color="default" data-testid="round-status">
      {t('rosters.missing')}
    </Tag>
  );
}

export function LateTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('rosters.lateHint')}>
      <Tag color="red" data-testid="round-late">
        {t('rosters.late')}
      </Tag>
    </Tooltip>
  );
}

const reviewColours = { pending: 'default', returned: 'volcano', fixed: 'cyan' } as const;

/** 待审核, 已退回, or 退回后已修改 (a returned change fixed since: its trace stays). */
export function ReviewStateTag({ state }: { state: keyof typeof reviewColours }) {
  const { t } = useTranslation();
  return (
    <Tag color={reviewColours[state]} bordered={state !== 'pending'} data-testid="review-state">
      {t(`rosters.reviewStates.${state}`)}
    </Tag>
  );
}

export function removalReasonLabel(t: TFunction, reason: Reason | null): string {
  return reason ? t(`rosters.removalReasons.${reason}`) : t('common.none');
}

const isField = (f: string): f is Field => Object.hasOwn(zhCN.rosters.fields, f);

export function fieldLabel(t: TFunction, field: string): string {
  return isField(field) ? t(`rosters.fields.${field}`) : field;
}

/** A value of a change as the user reads it: codes named, lists joined, hidden values said so. */
export function changeValue(
  t: TFunction,
  field: string,
  value: string | null,
  kind: SubjectKind,
): string {
  if (value === null || value === '') return t('rosters.emptyValue');
  switch (field) {
    case 'status':
      return value === 'active' || value === 'removed' ? t(`subjects.statuses.${value}`) : value;
    case 'kind':
      return value === 'elder' || value === 'child' ? t(`subjects.kinds.${value}`) : value;
    case 'careLevel':
      return levelLabel(t, value);
    case 'consent':
      return value === 'given' || value === 'refused' ? t(`subjects.consents.${value}`) : value;
    case 'categories':
      return value
        .split('、')
        .map((c) => categoryLabel(t, kind, c))
        .join(t('rosters.listSep'));
    case 'healthNotes':
      return t('rosters.hiddenValue');
    default:
      return value;
  }
}

type Change = { field: string; before: string | null; after: string | null };
type Revealable = z.infer<typeof RevealableEntryField>;

const isRevealable = (field: string): field is Revealable =>
  (revealableEntryFields as readonly string[]).includes(field);

/**
 * The fields a change touches, one a line: 联系电话 137****0001 → 137****0002. Only fields that
 * differ are listed, so two sides that read the same differ behind their masks: 已更改 says so.
 * With `onReveal`, a masked field offers 查看 (both values in full, with a reason).
 */
export function ChangeList({
  changes,
  kind,
  onReveal,
}: {
  changes: Change[];
  kind: SubjectKind;
  onReveal?: (field: Revealable) => void;
}) {
  const { t } = useTranslation();
  if (changes.length === 0) return <>{t('common.none')}</>;
  return (
    <Space orientation="vertical" size={2} data-testid="entry-changes">
      {changes.map((c) => (
        <span key={c.field} data-testid="entry-change">
          <Typography.Text type="secondary">
            {fieldLabel(t, c.field)}
            {t('rosters.fieldSep')}
          </Typography.Text>
          {c.before === null || c.before === '' ? (
            <Typography.Text type="secondary">{t('rosters.emptyValue')}</Typography.Text>
          ) : (
            <Typography.Text delete type="secondary">
              {changeValue(t, c.field, c.before, kind)}
            </Typography.Text>
          )}
          {' → '}
          <Typography.Text strong>{changeValue(t, c.field, c.after, kind)}</Typography.Text>
          {c.before !== null && c.before !== '' && c.before === c.after && (
            <Tooltip title={t('rosters.maskedChangedHint')}>
              <Tag color="orange" style={{ marginInlineStart: 8 }} data-testid="masked-changed">
                {t('rosters.maskedChanged')}
              </Tag>
            </Tooltip>
          )}
          {onReveal && isRevealable(c.field) && (
            <Button
              type="link"
              size="small"
              onClick={() => onReveal(c.field as Revealable)}
              data-testid="reveal-change"
            >
              {t('rosters.reveal.action')}
            </Button>
          )}
        </span>
      ))}
    </Space>
  );
}
