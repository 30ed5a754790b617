import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import type { SubjectView } from '../../../../../../server/modules/subjects/contract.ts';
import type { RevealableField } from '../api.ts';
import { CareLevelTag, CategoryTags, ConsentBadge } from '../labels.tsx';

type Reveal = (member: SubjectView, field: RevealableField) => void;

/** A masked value with its 查看 button (for those who may reveal). */
function Masked(props: { value: string; onReveal?: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <code data-testid={props.testId}>{props.value}</code>
      {props.onReveal && (
        <Button type="link" size="small" className="no-print" onClick={props.onReveal}>
          {t('households.reveal')}
        </Button>
      )}
    </Space>
  );
}

/** The members of the household the user may see, with the actions the user's role allows. */
export function HouseholdMembers(props: {
  members: SubjectView[];
  onReveal?: Reveal;
  onDetails: (member: SubjectView) => void;
  onSetCareLevel?: (member: SubjectView) => void;
  /** Given to those who compile the roster: proposes the member's removal. */
  onRemove?: (member: SubjectView) => void;
}) {
  const { t } = useTranslation();
  const { onReveal, onSetCareLevel, onRemove } = props;
  const revealer = (m: SubjectView, field: RevealableField) =>
    onReveal ? () => onReveal(m, field) : undefined;

  const columns: ColumnsType<SubjectView> = [
    {
      title: t('subjects.name'),
      dataIndex: 'name',
      render: (name: string, m) => (
        <Space size={4} orientation="vertical">
          <Typography.Text strong data-testid="member-name">
            {name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`subjects.kinds.${m.kind}`)} · {t(`subjects.sexes.${m.sex}`)} ·{' '}
            {t('subjects.ageValue', { age: m.age })}
            {m.status === 'removed' && (
              <Tag style={{ marginLeft: 4 }}>{t('subjects.statuses.removed')}</Tag>
            )}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('subjects.idNumber'),
      dataIndex: 'idNumberMasked',
      render: (v: string, m) => (
        <Masked value={v} testId="member-id-masked" onReveal={revealer(m, 'idNumber')} />
      ),
    },
    {
      title: t('households.phones'),
      key: 'phones',
      render: (_, m) =>
        m.mobileMasked || m.landlineMasked ? (
          <Space orientation="vertical" size={0}>
            {m.mobileMasked && <Masked value={m.mobileMasked} onReveal={revealer(m, 'mobile')} />}
            {m.landlineMasked && (
              <Masked value={m.landlineMasked} onReveal={revealer(m, 'landline')} />
            )}
          </Space>
        ) : (
          t('common.none')
        ),
    },
    {
      title: t('subjects.categories'),
      dataIndex: 'categories',
      width: 180,
      render: (codes: string[], m) => <CategoryTags kind={m.kind} codes={codes} />,
    },
    {
      title: t('subjects.careLevel'),
      dataIndex: 'careLevel',
      render: (l: SubjectView['careLevel']) => <CareLevelTag level={l} />,
    },
    {
      title: t('subjects.consent'),
      dataIndex: 'consent',
      render: (c: SubjectView['consent']) => <ConsentBadge consent={c} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      className: 'no-print',
      render: (_, m) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => props.onDetails(m)}>
            {t('households.details')}
          </Button>
          {onSetCareLevel && m.status === 'active' && (
            <Button type="link" size="small" onClick={() => onSetCareLevel(m)}>
              {t('households.setCareLevel')}
            </Button>
          )}
          {onRemove && m.status === 'active' && (
            <Button type="link" size="small" danger onClick={() => onRemove(m)}>
              {t('rosters.remove')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('households.members')}
      size="small"
      extra={t('households.memberCount', { count: props.members.length })}
      data-testid="household-members"
    >
      <Table<SubjectView>
        rowKey="id"
        size="small"
        pagination={false}
        columns={columns}
        dataSource={props.members}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
