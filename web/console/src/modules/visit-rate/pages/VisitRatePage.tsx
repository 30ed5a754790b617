import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Progress, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DivisionCode } from '../../../../../../server/platform/contract/common.ts';
import { useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { DivisionTreeSelect } from '../../../lib/DivisionTreeSelect.tsx';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { useDivisionList } from '../../divisions/api.ts';
import { MonthPicker } from '../../rosters/components/MonthPicker.tsx';
import { formatMonth, monthParam } from '../../rosters/month.ts';
import { formatRate, useVisitRate } from '../api.ts';
import { RateChart } from '../components/RateChart.tsx';
import { RateTable } from '../components/RateTable.tsx';
import { printStyles } from '../print.ts';

const keys = ['month', 'divisionCode'] as const;

/**
 * 探访率 (GET /api/visits/rate): a month (this month by default) and an area (the user's scope by
 * default), both kept in the URL; the rate per street or community and care level against the
 * 100 % target, with a totals row, on screen and on paper.
 */
export default function VisitRatePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const url = useUrlState(keys);
  const month = monthParam(url.values.month);
  const divisionCode = DivisionCode.safeParse(url.values.divisionCode).data;
  const rate = useVisitRate(month, divisionCode);
  const divisions = useDivisionList();
  const data = rate.data;
  const area = divisionCode
    ? (divisions.data?.find((d) => d.code === divisionCode)?.name ?? divisionCode)
    : (me?.scope.divisionName ?? t('layout.scopeAll'));
  const all = data?.totals.all;

  return (
    <>
      <style>{printStyles}</style>
      <Card
        title={t('visitRate.title')}
        extra={
          <Button
            className="no-print"
            icon={<PrinterOutlined />}
            disabled={!data}
            onClick={() => window.print()}
            data-testid="visit-rate-print"
          >
            {t('visitRate.print')}
          </Button>
        }
      >
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" className="no-print" style={{ margin: 0 }}>
            {t('visitRate.intro')}
          </Typography.Paragraph>
          <Space wrap className="no-print" data-testid="visit-rate-filters">
            <MonthPicker
              id="visit-rate-month"
              value={month}
              onChange={(m) => url.setFilters({ month: m })}
            />
            <DivisionTreeSelect
              id="visit-rate-division"
              levels={['city', 'district', 'street']}
              placeholder={t('visitRate.divisionPlaceholder')}
              value={divisionCode}
              onChange={(v) => url.setFilters({ divisionCode: v })}
              style={{ width: 260 }}
            />
          </Space>
          <div className="print-only">
            <Typography.Title level={3} style={{ textAlign: 'center' }}>
              {t('visitRate.sheetTitle', { month: formatMonth(month) })}
            </Typography.Title>
            <Typography.Text>
              {t('visitRate.printedAt', { at: formatDateTime(new Date().toISOString()) })}
            </Typography.Text>
          </div>
          {rate.isError && <Alert type="error" showIcon title={errorMessage(rate.error)} />}
          {rate.isPending && <Skeleton active paragraph={{ rows: 8 }} />}
          {data && all && (
            <div
              style={{ opacity: rate.isPlaceholderData ? 0.5 : 1 }}
              data-testid="visit-rate-report"
            >
              <Flex wrap gap={16} align="center" style={{ marginBottom: 12 }}>
                <Typography.Text strong data-testid="visit-rate-summary">
                  {t('visitRate.summary', {
                    month: formatMonth(data.month),
                    area,
                    visited: all.visited,
                    covered: all.covered,
                    rate: formatRate(all.rate),
                  })}
                </Typography.Text>
                <Progress
                  percent={Math.round((all.rate ?? 0) * 1000) / 10}
                  status={all.rate === 1 ? 'success' : 'normal'}
                  format={() => formatRate(all.rate)}
                  style={{ width: 240, margin: 0 }}
                />
                <Typography.Text type="secondary">{t('visitRate.target')}</Typography.Text>
              </Flex>
              {data.rows.length > 0 && <RateChart rate={data} />}
              <RateTable rate={data} />
            </div>
          )}
        </Space>
      </Card>
    </>
  );
}
