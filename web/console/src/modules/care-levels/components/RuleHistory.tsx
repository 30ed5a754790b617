import { Alert, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useCareLevelRuleHistory, type RuleVersion } from '../api.ts';
import { RulesTable } from './RulesTable.tsx';

/**
 * 修改历史 (GET /api/care-level-rules/history): every saved version, the newest first, with the day
 * it applies from, who saved it and when; a row opens to its rules.
 */
export function RuleHistory() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useCareLevelRuleHistory(page);
  const data = history.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="rules-history">
      <Typography.Title level={5} style={{ margin: '16px 0 0' }}>
        {t('careRules.history.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('careRules.history.intro')}</Typography.Text>
      {history.isError && <Alert type="error" showIcon title={errorMessage(history.error)} />}
      {data?.total === 0 ? (
        <Alert type="info" showIcon title={t('careRules.history.empty')} />
      ) : (
        <Table<RuleVersion>
          size="small"
          bordered
          rowKey="id"
          loading={history.isPending || history.isPlaceholderData}
          dataSource={data?.items ?? []}
          data-testid="rules-history-table"
          onRow={() => ({ 'data-testid': 'rules-history-row' }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize: data?.pageSize ?? 10,
            total: data?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: setPage,
          }}
          expandable={{
            expandedRowRender: (v) => (
              <RulesTable rules={v.rules} testId={`rules-version-${v.version}`} />
            ),
          }}
          columns={[
            {
              title: t('careRules.history.version'),
              dataIndex: 'version',
              width: 220,
              render: (version: number, v) => (
                <Space size={4} wrap>
                  <span>{t('careRules.history.versionValue', { version })}</span>
                  {v.inForce && <Tag color="processing">{t('careRules.history.inForce')}</Tag>}
                  {v.isDefault && <Tag color="green">{t('careRules.defaultTag')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('careRules.history.effectiveFrom'),
              dataIndex: 'effectiveFrom',
              width: 130,
            },
            {
              title: t('careRules.history.savedBy'),
              dataIndex: 'savedBy',
              render: (by: string | null) => by ?? t('careRules.history.unknownUser'),
            },
            {
              title: t('careRules.history.savedAt'),
              dataIndex: 'savedAt',
              width: 200,
              render: (at: string) => formatDateTime(at),
            },
            {
              title: t('careRules.history.rules'),
              key: 'rules',
              width: 120,
              render: (_, v) => t('careRules.history.rulesCount', { count: v.rules.length }),
            },
          ]}
        />
      )}
    </Space>
  );
}
