import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Descriptions, Result, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DivisionView } from '../../../../../../server/modules/divisions/contract.ts';
import { isApiError } from '../../../../../shared/api.ts';
import { hasPermission, useMe } from '../../../../../shared/auth.tsx';
import { errorMessage } from '../../../../../shared/errors.ts';
import { useDivision } from '../api.ts';
import { pathTo, type DivisionTree } from '../tree.ts';
import { DivisionFormModal } from './DivisionFormModal.tsx';

type Props = { code: string | undefined; tree: DivisionTree; onSelect: (code: string) => void };

/** One division (GET /api/divisions/:code), its path, its children and, for managers, the forms. */
export function DivisionDetail({ code, tree, onSelect }: Props) {
  const { t } = useTranslation();
  const me = useMe().data;
  const division = useDivision(code);
  const [form, setForm] = useState<'create' | 'edit' | null>(null);
  const canManage = hasPermission(me, 'division.manage');

  if (!code) return <Card title={t('divisions.detail')}>{t('divisions.selectHint')}</Card>;
  if (division.isError) {
    if (isApiError(division.error) && division.error.status === 404) {
      return (
        <Card>
          <div data-testid="not-found">
            <Result
              status="404"
              title={t('divisions.notFound')}
              subTitle={t('divisions.notFoundDesc')}
              extra={
                <Link to="/divisions">
                  <Button type="primary">{t('divisions.backToTree')}</Button>
                </Link>
              }
            />
          </div>
        </Card>
      );
    }
    return (
      <Card>
        <Alert type="error" showIcon title={errorMessage(division.error)} />
      </Card>
    );
  }

  const d = division.data;
  const children = tree.byCode.get(code)?.children ?? [];
  const path = pathTo(tree, code);
  const parentName = d?.parentName ?? d?.parentCode ?? null;

  return (
    <Card
      loading={division.isPending}
      title={
        d && (
          <Space>
            <span data-testid="division-title">{d.name}</span>
            <Tag color="blue">{t(`levels.${d.level}`)}</Tag>
            {d.validTo ? (
              <Tag>{t('divisions.inactive')}</Tag>
            ) : (
              <Tag color="green">{t('divisions.active')}</Tag>
            )}
          </Space>
        )
      }
      extra={
        canManage &&
        d && (
          <Space>
            {d.level !== 'grid' && (
              <Button icon={<PlusOutlined />} onClick={() => setForm('create')}>
                {t('divisions.addChild')}
              </Button>
            )}
            <Button type="primary" icon={<EditOutlined />} onClick={() => setForm('edit')}>
              {t('common.edit')}
            </Button>
          </Space>
        )
      }
    >
      {d && (
        <>
          {path.length > 1 && (
            <Breadcrumb
              style={{ marginBottom: 16 }}
              items={path.map((p) => ({
                key: p.code,
                title: p.code === code ? p.name : <a onClick={() => onSelect(p.code)}>{p.name}</a>,
              }))}
            />
          )}
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('divisions.name')}>{d.name}</Descriptions.Item>
            <Descriptions.Item label={t('divisions.code')}>
              <span style={{ fontFamily: 'monospace' }}>{d.code}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('divisions.level')}>
              {t(`levels.${d.level}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('divisions.parent')}>
              {parentName ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('divisions.urbanRuralCode')}>
              {d.urbanRuralCode ?? t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('divisions.sortOrder')}>{d.sortOrder}</Descriptions.Item>
            <Descriptions.Item label={t('divisions.validTo')} span={2}>
              {d.validTo ?? t('common.none')}
            </Descriptions.Item>
          </Descriptions>
          <ChildTable items={children} onSelect={onSelect} />
          {form && (
            <DivisionFormModal
              mode={form}
              division={d}
              onClose={(saved) => {
                setForm(null);
                if (saved && form === 'create') onSelect(saved.code);
              }}
            />
          )}
        </>
      )}
    </Card>
  );
}

function ChildTable(props: { items: DivisionView[]; onSelect: (code: string) => void }) {
  const { items, onSelect } = props;
  const { t } = useTranslation();
  return (
    <Table<Pick<DivisionView, 'code' | 'name' | 'level' | 'sortOrder'>>
      style={{ marginTop: 24 }}
      size="small"
      rowKey="code"
      title={() => <strong>{t('divisions.children')}</strong>}
      dataSource={items.map(({ code, name, level, sortOrder }) => ({
        code,
        name,
        level,
        sortOrder,
      }))}
      pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
      locale={{ emptyText: t('divisions.noChildren') }}
      columns={[
        {
          title: t('divisions.name'),
          dataIndex: 'name',
          render: (name: string, row) => <a onClick={() => onSelect(row.code)}>{name}</a>,
        },
        { title: t('divisions.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
        {
          title: t('divisions.level'),
          dataIndex: 'level',
          render: (l: DivisionView['level']) => t(`levels.${l}`),
        },
        { title: t('divisions.sortOrder'), dataIndex: 'sortOrder', width: 80 },
      ]}
    />
  );
}
