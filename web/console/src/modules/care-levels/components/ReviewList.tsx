import { Alert, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CareLevelTag } from '../../subjects/labels.tsx';
import type { Report } from '../api.ts';
import { useReasonText } from '../reasons.ts';
import { usePrinting } from '../usePrinting.ts';

type Row = Report['review'][number];

/** The subjects whose level is below what the rules suggest, each a link to the household file. */
export function ReviewList({ report }: { report: Report }) {
  const { t } = useTranslation();
  const printing = usePrinting();
  const reasonText = useReasonText();
  if (report.reviewTotal === 0)
    return <Alert type="success" showIcon title={t('classification.reviewNone')} />;
  const shown = report.review.length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="classification-review">
      <Typography.Text type="warning">
        {t('classification.reviewCount', { count: report.reviewTotal })}
        {shown < report.reviewTotal && t('classification.reviewShown', { shown })}
      </Typography.Text>
      <Table<Row>
        size="small"
        bordered
        rowKey="subjectId"
        dataSource={report.review}
        pagination={
          printing ? false : { pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }
        }
        columns={[
          {
            title: t('classification.name'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <Link to={`/households/${r.householdId}`} data-testid="review-name">
                {name}
              </Link>
            ),
          },
          {
            title: t('classification.community'),
            dataIndex: 'divisionName',
            render: (v: string | null, r) => v ?? r.divisionCode,
          },
          {
            title: t('classification.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: Row['kind']) => t(`subjects.kinds.${k}`),
          },
          {
            title: t('classification.age'),
            dataIndex: 'age',
            width: 80,
            align: 'right',
            render: (age: number) => t('subjects.ageValue', { age }),
          },
          {
            title: t('classification.levelChange'),
            key: 'levels',
            width: 200,
            render: (_, r) => (
              <Space size={4}>
                <CareLevelTag level={r.careLevel} />→<CareLevelTag level={r.suggestedLevel} />
              </Space>
            ),
          },
          {
            title: t('classification.reason'),
            key: 'reason',
            render: (_, r) => reasonText(r) ?? t('common.none'),
          },
        ]}
      />
    </Space>
  );
}
