import { Button, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  careLevels,
  consentStates,
  subjectKinds,
  type SubjectKind,
} from '../../../../../../server/modules/subjects/contract.ts';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import type { FilterKey, listFilters } from '../filters.ts';
import { categoryLabel, childCategories, elderCategories } from '../labels.tsx';

type Filters = ReturnType<typeof listFilters>;
type SetFilters = (patch: Partial<Record<FilterKey, string | null | undefined>>) => void;

/** A value typed into a box, following the URL when the URL changes (back button, 清除筛选). */
function useTyped<T>(fromUrl: T) {
  const [typed, setTyped] = useState(fromUrl);
  const [seen, setSeen] = useState(fromUrl);
  if (seen !== fromUrl) {
    setSeen(fromUrl);
    setTyped(fromUrl);
  }
  return [typed, setTyped] as const;
}

/** An age bound, sent to the URL when the box is left or Enter is pressed (not on every key). */
function AgeInput(props: { value?: number; placeholder: string; onCommit: (v?: number) => void }) {
  const [typed, setTyped] = useTyped<number | null>(props.value ?? null);
  const commit = (v: number | null = typed) => {
    if ((v ?? undefined) !== props.value) props.onCommit(v ?? undefined);
  };
  return (
    <InputNumber<number>
      min={0}
      max={130}
      precision={0}
      value={typed}
      placeholder={props.placeholder}
      onChange={setTyped}
      onBlur={() => commit()}
      onPressEnter={() => commit()}
      onStep={(v) => commit(v)}
      style={{ width: 96 }}
    />
  );
}

/**
 * The roster's filters. A category belongs to a kind (失能 is an elder's, 孤儿 a child's): without
 * a kind, the categories of both are offered in groups, and picking one sets its kind too.
 */
export function SubjectFilters({
  filters,
  setFilters,
  clear,
}: {
  filters: Filters;
  setFilters: SetFilters;
  clear: () => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useTyped(filters.q ?? '');
  const categoryOptions = (kind: SubjectKind) =>
    (kind === 'elder' ? elderCategories : childCategories).map((c) => ({
      value: `${kind}:${c}`,
      label: categoryLabel(t, kind, c),
    }));
  const kinds = filters.kind ? [filters.kind] : subjectKinds;
  const str = (n?: number) => (n === undefined ? undefined : String(n));
  const anyFilter = Object.values(filters).some((v) => v !== undefined);

  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="subject-filters">
      <Input.Search
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('subjects.searchPlaceholder')}
        onSearch={(v) => setFilters({ q: v.trim() })}
        enterButton={t('common.search')}
        maxLength={40}
        style={{ width: 260 }}
        data-testid="subject-q"
      />
      <DivisionTreeSelect
        placeholder={t('subjects.division')}
        value={filters.divisionCode}
        onChange={(v) => setFilters({ divisionCode: v })}
        style={{ width: 200 }}
      />
      <Select<SubjectKind>
        allowClear
        placeholder={t('subjects.kind')}
        value={filters.kind}
        onChange={(kind) => setFilters({ kind, category: undefined })}
        options={subjectKinds.map((k) => ({ value: k, label: t(`subjects.kinds.${k}`) }))}
        style={{ width: 130 }}
      />
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('subjects.category')}
        value={filters.category && filters.kind ? `${filters.kind}:${filters.category}` : undefined}
        onChange={(v) => {
          if (!v) return setFilters({ category: undefined });
          const [kind, category] = v.split(':');
          setFilters({ kind, category });
        }}
        options={
          kinds.length === 1
            ? categoryOptions(kinds[0] as SubjectKind)
            : kinds.map((k) => ({
                label: t(`subjects.kinds.${k}`),
                title: k,
                options: categoryOptions(k),
              }))
        }
        popupMatchSelectWidth={false}
        style={{ width: 150 }}
      />
      <Select
        allowClear
        placeholder={t('subjects.careLevel')}
        value={filters.careLevel}
        onChange={(v) => setFilters({ careLevel: v })}
        options={careLevels.map((l) => ({ value: l, label: t(`subjects.careLevels.${l}`) }))}
        style={{ width: 130 }}
      />
      <Select
        allowClear
        placeholder={t('subjects.consent')}
        value={filters.consent}
        onChange={(v) => setFilters({ consent: v })}
        options={consentStates.map((c) => ({ value: c, label: t(`subjects.consents.${c}`) }))}
        style={{ width: 130 }}
      />
      <Space.Compact>
        <AgeInput
          value={filters.ageMin}
          placeholder={t('subjects.ageMin')}
          onCommit={(v) => setFilters({ ageMin: str(v) })}
        />
        <AgeInput
          value={filters.ageMax}
          placeholder={t('subjects.ageMax')}
          onCommit={(v) => setFilters({ ageMax: str(v) })}
        />
      </Space.Compact>
      {anyFilter && <Button onClick={clear}>{t('subjects.clearFilters')}</Button>}
    </Space>
  );
}
