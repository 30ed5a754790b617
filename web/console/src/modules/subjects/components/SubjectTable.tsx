import { Table, Tag, type TablePaginationConfig } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { SubjectView } from '../../../../../../server/modules/subjects/contract.ts';
import { CareLevelTag, CategoryTags, ConsentBadge, Phones } from '../labels.tsx';

/** The roster's rows, in the server's (pinyin) order; a row opens the subject's household file. */
export function SubjectTable(props: {
  items: SubjectView[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fileOf = (s: SubjectView) => `/households/${s.householdId}`;

  const columns: ColumnsType<SubjectView> = [
    {
      title: t('subjects.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, s) => (
        <Link to={fileOf(s)} onClick={(e) => e.stopPropagation()} data-testid="subject-name">
          {name}
        </Link>
      ),
    },
    {
      title: t('subjects.kind'),
      dataIndex: 'kind',
      render: (k: SubjectView['kind']) => (
        <Tag color={k === 'child' ? 'purple' : 'geekblue'}>{t(`subjects.kinds.${k}`)}</Tag>
      ),
    },
    {
      title: t('subjects.sex'),
      dataIndex: 'sex',
      render: (s: SubjectView['sex']) => t(`subjects.sexes.${s}`),
    },
    {
      title: t('subjects.age'),
      dataIndex: 'age',
      align: 'right',
      render: (age: number) => t('subjects.ageValue', { age }),
    },
    {
      title: t('subjects.idNumber'),
      dataIndex: 'idNumberMasked',
      render: (v: string) => <code data-testid="id-masked">{v}</code>,
    },
    {
      title: t('subjects.phone'),
      key: 'phone',
      render: (_, s) => <Phones mobile={s.mobileMasked} landline={s.landlineMasked} />,
    },
    {
      title: t('subjects.community'),
      dataIndex: 'divisionName',
      render: (v: string | null) => v ?? t('common.none'),
    },
    {
      title: t('subjects.categories'),
      dataIndex: 'categories',
      width: 200,
      render: (codes: string[], s) => <CategoryTags kind={s.kind} codes={codes} />,
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
  ];

  // Beyond the counted cap, paging goes on as long as pages are full.
  const capped = props.totalCapped;
  const full = props.items.length === props.pageSize;
  const pagination: TablePaginationConfig = {
    current: props.page,
    pageSize: props.pageSize,
    total: capped
      ? Math.max(props.total, (props.page + (full ? 1 : 0)) * props.pageSize)
      : props.total,
    showSizeChanger: true,
    showTotal: (total) =>
      capped ? t('subjects.totalCapped', { cap: props.total }) : t('common.total', { total }),
    onChange: props.onPage,
  };

  return (
    <Table<SubjectView>
      rowKey="id"
      size="middle"
      loading={props.loading}
      columns={columns}
      dataSource={props.items}
      scroll={{ x: 'max-content' }}
      pagination={pagination}
      onRow={(s) => ({
        onClick: () => void navigate(fileOf(s)),
        style: { cursor: 'pointer' },
      })}
    />
  );
}
