import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartOption } from '../../../lib/EChart.tsx';
import type { VisitRate } from '../api.ts';

const levels = ['special', 'key', 'regular'] as const;
const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/**
 * The visit rate per division and care level as bars, with the 100 % target as a line: the same
 * answer as the table beside it, so the two always agree.
 */
export function RateChart({ rate }: { rate: VisitRate }) {
  const { t } = useTranslation();
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`),
      },
      legend: { top: 0 },
      // room on the right for the target line's label ("Target 100 %" in English)
      grid: { left: 48, right: 104, top: 36, bottom: 64 },
      xAxis: {
        type: 'category',
        data: rate.rows.map((r) => r.divisionName ?? r.divisionCode),
        axisLabel: { interval: 0, rotate: rate.rows.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        ...levels.map((level) => ({
          name: t(`subjects.careLevels.${level}`),
          type: 'bar',
          data: rate.rows.map((r) => percent(r.levels[level].rate)),
        })),
        {
          name: t('visitRate.columns.all'),
          type: 'bar',
          data: rate.rows.map((r) => percent(r.all.rate)),
          markLine: {
            symbol: 'none',
            data: [{ yAxis: 100, name: t('visitRate.target') }],
            label: { formatter: t('visitRate.target') },
            lineStyle: { type: 'dashed', color: '#cf1322' },
          },
        },
      ],
    }),
    [rate, t],
  );
  return <EChart option={option} testId="visit-rate-chart" />;
}
