import { Table, Typography, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { careLevels } from '../../../../../../server/modules/subjects/contract.ts';
import { divisionLevel } from '../../../../../../server/platform/contract/divisions.ts';
import { formatRate, type RateRow, type RateTally, type VisitRate } from '../api.ts';

const tallyKeys = ['covered', 'visited', 'homeVisited', 'rate'] as const;
type Group = (typeof careLevels)[number] | 'all';
const groups: readonly Group[] = [...careLevels, 'all'];

const tallyOf = (r: Pick<RateRow, 'levels' | 'all'>, g: Group): RateTally =>
  g === 'all' ? r.all : r.levels[g];

/** The rate against the 100 % target: green when met, bold for all levels. */
function RateText({ rate, strong }: { rate: number | null; strong?: boolean }) {
  return (
    <Typography.Text strong={strong} type={rate === 1 ? 'success' : undefined}>
      {formatRate(rate)}
    </Typography.Text>
  );
}

/**
 * The visit-rate table: one row per street (of a district) or community (of a street), for each
 * care level and for all of them the subjects in care, visited, visited at home and the rate; a
 * totals row. Every cell names its figure (data-testid `rate-<level>-<figure>`) for the tests.
 */
export function RateTable({ rate }: { rate: VisitRate }) {
  const { t } = useTranslation();
  const level = rate.rows[0] ? divisionLevel(rate.rows[0].divisionCode) : null;
  const area =
    level === 'street' || level === 'community' || level === 'district'
      ? t(`visitRate.columns.${level}`)
      : t('visitRate.columns.area');
  const cell = (g: Group, k: (typeof tallyKeys)[number], x: RateTally) =>
    k === 'rate' ? <RateText rate={x.rate} strong={g === 'all'} /> : x[k];
  const columns: TableColumnsType<RateRow> = [
    {
      title: area,
      dataIndex: 'divisionName',
      fixed: 'left',
      width: 104,
      render: (name: string | null, r) => name ?? r.divisionCode,
    },
    ...groups.map((g) => ({
      title: g === 'all' ? t('visitRate.columns.all') : t(`subjects.careLevels.${g}`),
      align: 'center' as const,
      children: tallyKeys.map((k) => ({
        title: t(`visitRate.columns.${k}`),
        key: `${g}.${k}`,
        align: 'right' as const,
        width: k === 'rate' ? 68 : 52,
        onCell: () => ({ 'data-testid': `rate-${g}-${k}` }) as HTMLAttributes<HTMLElement>,
        render: (_: unknown, r: RateRow) => cell(g, k, tallyOf(r, g)),
      })),
    })),
  ];

  return (
    <Table<RateRow>
      bordered
      size="small"
      rowKey="divisionCode"
      pagination={false}
      dataSource={rate.rows}
      columns={columns}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('visitRate.empty') }}
      data-testid="visit-rate-table"
      summary={() =>
        rate.rows.length === 0 ? null : (
          <Table.Summary fixed={false}>
            <Table.Summary.Row data-testid="visit-rate-totals">
              <Table.Summary.Cell index={0}>
                <strong>{t('visitRate.totalsRow')}</strong>
              </Table.Summary.Cell>
              {groups.flatMap((g, gi) =>
                tallyKeys.map((k, ki) => (
                  <Table.Summary.Cell
                    key={`${g}.${k}`}
                    index={1 + gi * tallyKeys.length + ki}
                    align="right"
                  >
                    <strong data-testid={`total-${g}-${k}`}>
                      {cell(g, k, tallyOf(rate.totals, g))}
                    </strong>
                  </Table.Summary.Cell>
                )),
              )}
            </Table.Summary.Row>
          </Table.Summary>
        )
      }
    />
  );
}
