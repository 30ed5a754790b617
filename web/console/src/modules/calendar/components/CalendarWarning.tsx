import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCalendarYears } from '../api.ts';

/** 明年（2027）节假日数据尚未录入: for administrators, from November (or when this year is missing). */
export function CalendarWarning(props: { enabled: boolean; withLink?: boolean }) {
  const { t } = useTranslation();
  const warning = useCalendarYears(props.enabled).data?.warning;
  if (!props.enabled || !warning) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="calendar-warning"
      title={
        warning.kind === 'next_year'
          ? t('calendar.warningNextYear', { year: warning.year })
          : t('calendar.warningThisYear', { year: warning.year })
      }
      action={props.withLink ? <Link to="/calendar">{t('calendar.goToCalendar')}</Link> : undefined}
    />
  );
}
