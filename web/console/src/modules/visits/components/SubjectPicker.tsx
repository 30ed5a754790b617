import { Select, Spin, Typography, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../../lib/useDebouncedValue.ts';
import { useSubjects } from '../../subjects/api.ts';

/** A subject as the picker offers it; its household goes with it (the visit form's care plan). */
export type SubjectOption = { value: string; label: string; hint: string; householdId: string };

/**
 * Picks subjects of the caller's scope by name or pinyin: what is typed is searched on the server
 * (GET /api/subjects?q=, debounced). One subject, or several with `mode="multiple"`.
 */
export function SubjectPicker<V extends string | string[]>(
  props: Omit<SelectProps<V, SubjectOption>, 'options' | 'showSearch'>,
) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const list = useSubjects({ q: q || undefined, pageSize: 20 });
  const [known, setKnown] = useState<Record<string, SubjectOption>>({});
  const options: SubjectOption[] = (list.data?.items ?? []).map((s) => ({
    value: s.id,
    label: s.name,
    householdId: s.householdId,
    hint: `${t(`subjects.kinds.${s.kind}`)} · ${s.age} · ${s.divisionName ?? s.divisionCode}`,
  }));
  // the chosen ones keep their names while a search shows others
  const chosen = ([] as string[]).concat(props.value ?? []);
  for (const id of chosen) {
    const o = known[id];
    if (o && !options.some((x) => x.value === id)) options.unshift(o);
  }
  const searching = list.isFetching || search.trim() !== q;

  return (
    <Select<V, SubjectOption>
      allowClear
      placeholder={t('visits.recordForm.subjectPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={searching}
      options={options}
      optionRender={(o) => (
        <span style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
          <span>{o.data.label}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.hint}
          </Typography.Text>
        </span>
      )}
      notFoundContent={searching ? <Spin size="small" /> : undefined}
      {...props}
      onChange={(value, option) => {
        const picked = ([] as (SubjectOption | undefined)[])
          .concat(option ?? [])
          .filter((o): o is SubjectOption => o !== undefined);
        setKnown((k) => ({ ...k, ...Object.fromEntries(picked.map((o) => [o.value, o])) }));
        setSearch('');
        props.onChange?.(value, option);
      }}
    />
  );
}
