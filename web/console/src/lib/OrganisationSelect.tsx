import { Select, Spin, Typography, type SelectProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationKind } from '../../../../server/modules/organisations/contract.ts';
import { useOrganisations } from '../modules/organisations/api.ts';
import { useDebouncedValue } from './useDebouncedValue.ts';

type Option = { value: string; label: string; hint?: string };

/** How many matches a search shows: enough to pick from, few enough to answer at once. */
const PAGE_SIZE = 20;

/**
 * Picks an active organisation of the user's scope, of `kinds` when given. What is typed is searched
 * on the server (GET /api/organisations?q=, debounced), not among a list loaded at once. `current`
 * names the organisation already chosen, which the first page of matches may not hold.
 */
export function OrganisationSelect({
  kinds,
  current,
  onChange,
  ...props
}: Omit<SelectProps<string, Option>, 'options' | 'showSearch'> & {
  kinds?: readonly OrganisationKind[] | null;
  current?: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  // the server filters one kind; several are filtered here
  const kind = kinds?.length === 1 ? kinds[0] : undefined;
  const list = useOrganisations({ q: q || undefined, kind, pageSize: PAGE_SIZE });
  const [picked, setPicked] = useState<Option | null>(null);

  const options: Option[] = (list.data?.items ?? [])
    .filter((o) => !o.disabled && (!kinds || kinds.includes(o.kind)))
    .map((o) => ({
      value: o.id,
      label: o.name,
      hint: kinds?.length === 1 ? (o.divisionName ?? undefined) : t(`orgKinds.${o.kind}`),
    }));
  // the chosen one keeps its name while a search shows other organisations
  const chosen = [picked, current ? { value: current.id, label: current.name } : null].find(
    (o) => o && o.value === props.value,
  );
  if (chosen && !options.some((o) => o.value === chosen.value)) options.unshift(chosen);
  const searching = list.isFetching || search.trim() !== q;

  return (
    <Select<string, Option>
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('users.selectOrganisation')}
      loading={searching}
      options={options}
      optionRender={(o) => (
        <span style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
          <span>{o.data.label}</span>
          {o.data.hint && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {o.data.hint}
            </Typography.Text>
          )}
        </span>
      )}
      notFoundContent={searching ? <Spin size="small" /> : undefined}
      onChange={(value, option) => {
        setPicked(option && !Array.isArray(option) ? option : null);
        setSearch('');
        onChange?.(value, option);
      }}
      {...props}
    />
  );
}
