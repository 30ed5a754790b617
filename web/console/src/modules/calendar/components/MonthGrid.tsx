import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../api.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** The days of a month as `YYYY-MM-DD`, with the Monday-first column of the first one. */
function monthDays(year: number, month: number): { days: string[]; offset: number } {
  const count = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const days = Array.from({ length: count }, (_, i) => `${year}-${pad(month)}-${pad(i + 1)}`);
  return { days, offset: (first + 6) % 7 };
}

export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
export const isWeekend = (date: string) => [0, 6].includes(weekdayOf(date));

const colours = {
  holiday: { background: '#fff1f0', color: '#cf1322', border: '1px solid #ffa39e' },
  workday: { background: '#e6f4ff', color: '#0958d9', border: '1px solid #91caff' },
  weekend: { background: '#fafafa', color: '#8c8c8c', border: '1px solid #f0f0f0' },
  ordinary: { background: '#fff', color: 'inherit', border: '1px solid #f0f0f0' },
};

/** One month: holidays marked 休, make-up working days 班, weekends grey; a click edits a day. */
export function MonthGrid(props: {
  year: number;
  month: number;
  entries: ReadonlyMap<string, Entry>;
  onPick(date: string): void;
}) {
  const { t } = useTranslation();
  const { days, offset } = monthDays(props.year, props.month);
  const weekdays = t('calendar.weekdays').split(',');
  return (
    <Card size="small" title={t('calendar.months', { month: props.month })}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }}>
        {weekdays.map((w) => (
          <div key={w} style={{ textAlign: 'center', color: '#8c8c8c' }}>
            {w}
          </div>
        ))}
        {Array.from({ length: offset }, (_, i) => (
          <div key={`blank-${i}`} />
        ))}
        {days.map((date) => {
          const entry = props.entries.get(date);
          const style = entry
            ? colours[entry.kind]
            : isWeekend(date)
              ? colours.weekend
              : colours.ordinary;
          return (
            <button
              type="button"
              key={date}
              data-testid={`day-${date}`}
              data-kind={entry?.kind ?? 'none'}
              title={entry ? `${entry.name}` : undefined}
              onClick={() => props.onPick(date)}
              style={{
                ...style,
                cursor: 'pointer',
                borderRadius: 4,
                padding: '2px 0',
                lineHeight: '16px',
                font: 'inherit',
              }}
            >
              <div>{Number(date.slice(8))}</div>
              <div style={{ fontSize: 10, minHeight: 14 }}>
                {entry
                  ? t(entry.kind === 'holiday' ? 'calendar.holidayMark' : 'calendar.workdayMark')
                  : ''}
              </div>
            </button>
          );
        })}
      </div>
    </Card>
  );
}
