import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { valueText } from '../labels.ts';

/** One department's value of a field with its date, or 无 where that department gave none. */
export function SourceValueCell({
  field,
  value,
}: {
  field: string;
  value: { value: string; asOf: string } | undefined;
}) {
  const { t } = useTranslation();
  if (!value) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{valueText(t, field, value.value)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('sources.asOf', { date: value.asOf })}
      </Typography.Text>
    </Space>
  );
}
