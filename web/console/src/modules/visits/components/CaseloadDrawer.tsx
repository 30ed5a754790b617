import { Alert, App, Button, Drawer, Input, Popconfirm, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { CareLevelTag } from '../../subjects/labels.tsx';
import { useCaseload, useUnassignSubjects, type CaseloadItem, type VisitorView } from '../api.ts';

/** 查看负责对象: a visitor's subjects (GET /api/visitors/:id/caseload), each may be unassigned. */
export function CaseloadDrawer({
  visitor,
  onClose,
}: {
  visitor: VisitorView;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const list = useCaseload(visitor.id, paging.page, paging.pageSize, q);
  const unassign = useUnassignSubjects();

  return (
    <Drawer
      open
      size={760}
      onClose={onClose}
      title={t('visits.visitors.caseloadTitle', { name: visitor.name })}
      destroyOnHidden
      data-testid="caseload-drawer"
    >
      {(list.error ?? unassign.error) && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(list.error ?? unassign.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <Input.Search
        allowClear
        placeholder={t('visits.visitors.caseloadFilter')}
        style={{ maxWidth: 280, marginBottom: 12 }}
        data-testid="caseload-filter"
        onSearch={(value) => {
          setQ(value.trim());
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      <Table<CaseloadItem>
        rowKey="subjectId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('visits.visitors.noCaseload') }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: list.data?.total ?? 0,
          showTotal: (total) => t('common.total', { total }),
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          {
            title: t('visits.dues.subject'),
            dataIndex: 'name',
            render: (name: string, s) => (
              <Link to={`/households/${s.householdId}`} data-testid="caseload-subject">
                {name}
              </Link>
            ),
          },
          {
            title: t('visits.dues.division'),
            dataIndex: 'divisionName',
            render: (name: string | null, s) => name ?? s.divisionCode,
          },
          {
            title: t('visits.dues.careLevel'),
            dataIndex: 'careLevel',
            render: (level: CaseloadItem['careLevel']) => <CareLevelTag level={level} />,
          },
          { title: t('visits.visitors.since'), dataIndex: 'since' },
          {
            title: t('visits.visitors.lastVisit'),
            dataIndex: 'lastVisitAt',
            render: (at: string | null) =>
              at ? (
                formatDateTime(at)
              ) : (
                <Typography.Text type="secondary">
                  {t('visits.visitors.neverVisited')}
                </Typography.Text>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, s) => (
              <Popconfirm
                title={t('visits.visitors.unassignConfirm', {
                  visitor: visitor.name,
                  name: s.name,
                })}
                okText={t('common.ok')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  unassign.mutateAsync({ subjectIds: [s.subjectId] }).then(
                    () => void message.success(t('visits.visitors.unassigned')),
                    () => undefined,
                  )
                }
              >
                <Button type="link" size="small" danger>
                  {t('visits.visitors.unassign')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
