import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useVisitors } from '../api.ts';

/** Picks a visitor of the caller's scope (GET /api/visitors: needs `visit.assign`). */
export function VisitorSelect({
  exclude,
  ...props
}: Omit<SelectProps<string>, 'options'> & { exclude?: string }) {
  const { t } = useTranslation();
  const visitors = useVisitors();
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('visits.ledger.visitor')}
      loading={visitors.isPending}
      options={(visitors.data?.items ?? [])
        .filter((v) => v.id !== exclude)
        .map((v) => ({ value: v.id, label: v.name }))}
      popupMatchSelectWidth={false}
      {...props}
    />
  );
}
