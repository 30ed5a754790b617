import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../../../../server/modules/audit/contract.ts';
import { roles, type Role } from '../../../../../../server/platform/contract/common.ts';
import { errorMessage } from '../../../../../shared/errors.ts';
import { formatDateTime } from '../../../../../shared/format.ts';
import { useUrlState } from '../../../lib/useUrlState.ts';
import zhCN from '../../../../../shared/locales/zh-CN.ts';
import { useAuditActions, useAuditLog, useVerifyAuditLog } from '../api.ts';
import { AuditFilters, knownEntities } from '../components/AuditFilters.tsx';
import { VerifyResult } from '../components/VerifyResult.tsx';

type Entry = z.infer<typeof AuditEntryView>;
const filterKeys = ['username', 'action', 'entity', 'success', 'from', 'to'] as const;

/** GET /api/audit-log with filters in the URL, and the hash-chain check. */
export default function AuditLogPage() {
  const { t } = useTranslation();
  const { values, page, pageSize, setFilters, setPage, clear } = useUrlState(filterKeys);
  const success =
    values.success === 'true' || values.success === 'false' ? values.success : undefined;
  const log = useAuditLog({ ...values, success, page, pageSize });
  const verify = useVerifyAuditLog();
  const actions = useAuditActions();
  const actionLabels = new Map(actions.data?.items.map((a) => [a.action, a.label]));
  const actionLabel = (a: string) => actionLabels.get(a) ?? a;
  const entityLabel = (e: string) =>
    (knownEntities as string[]).includes(e)
      ? t(`audit.entities.${e as (typeof knownEntities)[number]}`)
      : e;

  const columns: ColumnsType<Entry> = [
    {
      title: t('audit.occurredAt'),
      dataIndex: 'occurredAt',
      width: 160,
      render: (v: string) => formatDateTime(v),
    },
    {
      title: t('audit.username'),
      dataIndex: 'username',
      width: 140,
      ellipsis: true,
      render: (u: string | null, e) => (
        <span>
          {u ?? t('common.none')}
          {e.role && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {roles.includes(e.role as Role) ? t(`roles.${e.role as Role}`) : e.role}
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      // the label where the catalogue names the event type; its code on hover
      render: (a: string) => (
        <Tooltip title={<code>{a}</code>}>
          <span data-testid="audit-action">{actionLabel(a)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, e) =>
        e.entity ? (
          <span>
            {entityLabel(e.entity)}
            {e.entityId && (
              <Tooltip title={<code>{e.entityId}</code>}>
                <Typography.Text
                  type="secondary"
                  style={{ display: 'block', fontSize: 12 }}
                  ellipsis
                  data-testid="audit-entity-name"
                >
                  {e.entityName ?? <code>{e.entityId}</code>}
                </Typography.Text>
              </Tooltip>
            )}
          </span>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('audit.success'),
      dataIndex: 'success',
      width: 90,
      render: (ok: boolean) =>
        ok ? (
          <Tag color="success">{t('audit.succeeded')}</Tag>
        ) : (
          <Tag color="error">{t('audit.failed')}</Tag>
        ),
    },
    {
      title: t('audit.reason'),
      dataIndex: 'reason',
      // a long reason in full on hover and in the expanded row
      ellipsis: { showTitle: true },
      render: (r: string | null) =>
        r === null
          ? t('common.none')
          : r in zhCN.audit.reasons
            ? t(`audit.reasons.${r as keyof typeof zhCN.audit.reasons}`)
            : r,
    },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 120,
      ellipsis: true,
      render: (ip: string | null) => ip ?? t('common.none'),
    },
    {
      title: t('common.status'),
      dataIndex: 'sealed',
      width: 100,
      render: (s: boolean, e) =>
        e.sealRefused ? (
          // a row the sealer refused: its MAC missing or wrong, not written by the app
          <Tooltip title={t(`auditVerify.refusals.${e.sealRefused}`)}>
            <Badge status="error" text={t('auditVerify.refused')} data-testid="audit-refused" />
          </Tooltip>
        ) : (
          <Badge
            status={s ? 'success' : 'processing'}
            text={s ? t('audit.sealed') : t('audit.unsealed')}
          />
        ),
    },
  ];

  const result = verify.data;
  return (
    <Card
      title={t('audit.title')}
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      }
    >
      {result && <VerifyResult result={result} onClose={() => verify.reset()} />}
      {verify.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(verify.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      <AuditFilters
        key={`${values.username ?? ''}|${values.action ?? ''}`}
        values={values}
        actions={actions.data?.items ?? []}
        onChange={setFilters}
        onClear={clear}
      />
      {log.isError && (
        <Alert type="error" showIcon title={errorMessage(log.error)} style={{ marginBottom: 16 }} />
      )}
      <Table<Entry>
        rowKey="id"
        size="middle"
        loading={log.isFetching || actions.isPending}
        columns={columns}
        dataSource={log.data?.items ?? []}
        tableLayout="fixed"
        // fits a 1440 px screen in either language; narrower screens scroll the table, not the page
        scroll={{ x: 1100 }}
        expandable={{
          rowExpandable: (e) => (e.detail !== null && e.detail !== undefined) || e.reason !== null,
          expandedRowRender: (e) => (
            <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>
              {t('audit.requestId')}: {e.requestId ?? t('common.none')}
              {e.reason && `\n${t('audit.reason')}: ${e.reason}`}
              {'\n'}
              {JSON.stringify(e.detail, null, 2)}
            </pre>
          ),
        }}
        pagination={{
          current: page,
          pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
          onChange: setPage,
        }}
      />
    </Card>
  );
}
