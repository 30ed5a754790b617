import { Badge, Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  benefits,
  childCategoryNames,
  elderCategoryNames,
  type contactRelations,
  type livingSituations,
  type CareLevel,
  type SubjectKind,
} from '../../../../../server/modules/subjects/contract.ts';
import zhCN from '../../../../shared/locales/zh-CN.ts';

/*
 * The names of the contract's codes come from the locale files, keyed by the contract's own lists:
 * a code the contract adds without a name in zh-CN.ts is a type error here. A code the server
 * sends that this build does not know yet shows as itself.
 */

type ElderCategory = keyof typeof elderCategoryNames;
type ChildCategory = keyof typeof childCategoryNames;
type Benefit = (typeof benefits)[number];
type Relation = (typeof contactRelations)[number];
type Living = (typeof livingSituations)[number];
type Source = keyof typeof zhCN.subjects.categorySources;

const has = <K extends string>(list: readonly string[], code: string): code is K =>
  list.includes(code);

export const elderCategories = Object.keys(elderCategoryNames) as ElderCategory[];
export const childCategories = Object.keys(childCategoryNames) as ChildCategory[];

export function categoryLabel(t: TFunction, kind: SubjectKind, code: string): string {
  if (kind === 'elder' && has<ElderCategory>(elderCategories, code)) {
    return t(`subjects.elderCategories.${code}`);
  }
  if (kind === 'child' && has<ChildCategory>(childCategories, code)) {
    return t(`subjects.childCategories.${code}`);
  }
  return code;
}

export function benefitLabel(t: TFunction, code: string): string {
  return has<Benefit>(benefits, code) ? t(`subjects.benefits.${code}`) : code;
}

export function relationLabel(t: TFunction, code: Relation): string {
  return t(`subjects.relations.${code}`);
}

export function livingLabel(t: TFunction, code: Living | null): string {
  return code ? t(`subjects.livingSituations.${code}`) : t('common.none');
}

export function sourceLabel(t: TFunction, code: string): string {
  return has<Source>(Object.keys(zhCN.subjects.categorySources), code)
    ? t(`subjects.categorySources.${code}`)
    : code;
}

/** A level from a timeline event's detail (plain strings there): its name, or the string. */
export function levelLabel(t: TFunction, level: unknown): string {
  return level === 'special' || level === 'key' || level === 'regular'
    ? t(`subjects.careLevels.${level}`)
    : String(level ?? t('common.none'));
}

export const careLevelColours: Record<CareLevel, string> = {
  special: 'red',
  key: 'orange',
  regular: 'green',
};

export function CareLevelTag({ level }: { level: CareLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={careLevelColours[level]} data-testid="care-level">
      {t(`subjects.careLevels.${level}`)}
    </Tag>
  );
}

export function ConsentBadge({ consent }: { consent: 'given' | 'refused' }) {
  const { t } = useTranslation();
  return (
    <Badge
      status={consent === 'given' ? 'success' : 'error'}
      text={t(`subjects.consents.${consent}`)}
    />
  );
}

export function CategoryTags({ kind, codes }: { kind: SubjectKind; codes: readonly string[] }) {
  const { t } = useTranslation();
  if (codes.length === 0) return <>{t('common.none')}</>;
  return (
    <Space size={[0, 4]} wrap>
      {codes.map((c) => (
        <Tag key={c} color={kind === 'child' ? 'purple' : 'blue'} bordered={false}>
          {categoryLabel(t, kind, c)}
        </Tag>
      ))}
    </Space>
  );
}

/** The masked mobile and landline of a subject, one under the other. */
export function Phones({ mobile, landline }: { mobile: string | null; landline: string | null }) {
  const { t } = useTranslation();
  if (!mobile && !landline) return <>{t('common.none')}</>;
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums' }}>
      {mobile && <div>{mobile}</div>}
      {landline && <div>{landline}</div>}
    </span>
  );
}
