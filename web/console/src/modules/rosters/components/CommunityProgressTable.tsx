import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../../shared/format.ts';
import type { CommunityProgress } from '../api.ts';

/**
 * 各社区进度: every community of the street in the round, whether it has uploaded, its changes,
 * the rows its last upload had refused, what the street returned, and its last upload.
 */
export function CommunityProgressTable({ progress }: { progress: CommunityProgress[] }) {
  const { t } = useTranslation();
  const none = t('roundFlow.progress.none');
  return (
    <Table<CommunityProgress>
      rowKey="divisionCode"
      size="small"
      data-testid="community-progress"
      dataSource={progress}
      pagination={false}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('roundFlow.progress.community'),
          dataIndex: 'divisionName',
          render: (name: string | null, p) => (
            <span data-testid="progress-community">{name ?? p.divisionCode}</span>
          ),
        },
        {
          title: t('roundFlow.progress.state'),
          key: 'uploaded',
          render: (_, p) =>
            p.uploaded ? (
              <Tag color="green" data-testid="progress-state">
                {t('roundFlow.progress.uploaded')}
              </Tag>
            ) : (
              <Tag data-testid="progress-state">{t('roundFlow.progress.notUploaded')}</Tag>
            ),
        },
        {
          title: t('roundFlow.progress.rows'),
          dataIndex: 'rows',
          align: 'right',
          render: (n: number) => <span data-testid="progress-rows">{n}</span>,
        },
        {
          title: t('roundFlow.progress.rejected'),
          dataIndex: 'rejected',
          align: 'right',
          render: (n: number) => (
            <Typography.Text type={n > 0 ? 'danger' : undefined} data-testid="progress-rejected">
              {n}
            </Typography.Text>
          ),
        },
        {
          title: t('roundFlow.progress.returned'),
          key: 'returned',
          align: 'right',
          render: (_, p) => `${p.returned} (${p.returnedOpen})`,
        },
        {
          title: t('roundFlow.progress.lastUpload'),
          key: 'last',
          render: (_, p) =>
            p.lastUploadAt ? (
              <span data-testid="progress-last">
                {formatDateTime(p.lastUploadAt)} {p.lastUploadBy ?? ''}
              </span>
            ) : (
              none
            ),
        },
      ]}
    />
  );
}
