import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';

/** A month (`YYYY-MM`) picker; always holds a month. */
export function MonthPicker(props: {
  value: string;
  onChange: (month: string) => void;
  id?: string;
  disabled?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  return (
    <DatePicker
      id={props.id}
      disabled={props.disabled}
      picker="month"
      allowClear={false}
      format="YYYY-MM"
      placeholder={t('rosters.month')}
      value={dayjs(`${props.value}-01`)}
      onChange={(d) => d && props.onChange(d.format('YYYY-MM'))}
      style={props.style ?? { width: 140 }}
    />
  );
}
