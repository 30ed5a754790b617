import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../modules/organisations/api.ts';

/** Picks an organisation of the user's scope (GET /api/organisations), searchable by name. */
export function OrganisationSelect(props: Omit<SelectProps<string>, 'options'>) {
  const { t } = useTranslation();
  const list = useOrganisations({ pageSize: 200 });
  const options = (list.data?.items ?? [])
    .filter((o) => !o.disabled)
    .map((o) => ({ value: o.id, label: `${o.name}（${t(`orgKinds.${o.kind}`)}）` }));
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('users.selectOrganisation')}
      loading={list.isPending}
      options={options}
      {...props}
    />
  );
}
