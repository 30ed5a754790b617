import { Badge, Button, Empty, Input, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { RevealableEntryField as Field } from '../../../../../../server/modules/rosters/contract.ts';
import type { EntryView } from '../api.ts';

type RevealableEntryField = z.infer<typeof Field>;
import { ChangeList, removalReasonLabel, ReviewStateTag } from '../labels.tsx';
import { ProposedFields } from './ProposedFields.tsx';

type Action = EntryView['action'];
const actions: Action[] = ['add', 'change', 'remove'];

/**
 * The round's changes in three tabs: 新增 (joined), 变更 (field by field), 移出 (with the reason).
 * Each shows its review state and the street's comment; a reviewer writes 退回意见 row by row,
 * a compiler may withdraw a change.
 */
export function RoundEntries(props: {
  entries: EntryView[];
  /** 待审核 is said only while the street reviews; 已退回 always. */
  reviewing: boolean;
  /** Given while the street reviews: the comments typed so far, by entry. */
  comments?: Record<string, string>;
  onComment?: (entryId: string, comment: string) => void;
  /** Given while the round may still change. */
  onWithdraw?: (entry: EntryView) => Promise<unknown>;
  /** Given when the user may reveal values: a changed masked field offers 查看. */
  onReveal?: (entry: EntryView, field: RevealableEntryField) => void;
}) {
  const { t } = useTranslation();
  const { entries, comments, onComment, onWithdraw, onReveal } = props;
  const of = (a: Action) => entries.filter((e) => e.action === a);
  const [tab, setTab] = useState<Action>(
    () =>
      actions.find((a) => of(a).some((e) => e.reviewState === 'returned')) ??
      actions.find((a) => of(a).length > 0) ??
      'add',
  );

  const review = (e: EntryView) => (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {(e.reviewState !== 'pending' || props.reviewing) && <ReviewStateTag state={e.reviewState} />}
      {e.reviewComment && (
        <Typography.Text
          type={e.reviewState === 'fixed' ? 'secondary' : 'danger'}
          data-testid="entry-comment"
        >
          {t('rosters.streetComment')}
          {t('rosters.fieldSep')}
          {e.reviewComment}
        </Typography.Text>
      )}
      {comments && onComment && (
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={500}
          value={comments[e.id] ?? ''}
          placeholder={t('rosters.returnCommentPlaceholder')}
          onChange={(ev) => onComment(e.id, ev.target.value)}
          aria-label={`${t('rosters.returnComment')} ${e.name}`}
          data-testid="return-comment"
        />
      )}
    </Space>
  );

  const columns = (action: Action): ColumnsType<EntryView> => [
    {
      title: t('rosters.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, e) => (
        <Space size={2} orientation="vertical">
          <Space size={4}>
            <Typography.Text strong data-testid="entry-name">
              {name}
            </Typography.Text>
            <Tag color={e.kind === 'child' ? 'purple' : 'geekblue'} bordered={false}>
              {e.kind === 'elder' || e.kind === 'child' ? t(`subjects.kinds.${e.kind}`) : e.kind}
            </Tag>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <code>{e.idNumberMasked}</code>
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('rosters.community'),
      dataIndex: 'divisionName',
      render: (v: string | null, e) => v ?? e.divisionCode,
    },
    ...(action === 'remove'
      ? []
      : [
          {
            title: t('rosters.row'),
            dataIndex: 'rowNumber',
            render: (row: number | null) =>
              row === null ? t('common.none') : t('rosters.rowValue', { row }),
          },
        ]),
    ...(action === 'remove'
      ? []
      : [
          {
            title: t('rosters.proposed'),
            key: 'proposed',
            render: (_: unknown, e: EntryView) =>
              e.proposed ? (
                <ProposedFields
                  proposed={e.proposed}
                  kind={e.kind === 'child' ? 'child' : 'elder'}
                  onReveal={onReveal && ((field) => onReveal(e, field))}
                />
              ) : (
                t('common.none')
              ),
          },
        ]),
    ...(action === 'change'
      ? [
          {
            title: t('rosters.changes'),
            key: 'changes',
            render: (_: unknown, e: EntryView) => (
              <ChangeList
                changes={e.changes}
                kind={e.kind === 'child' ? 'child' : 'elder'}
                onReveal={onReveal && ((field) => onReveal(e, field))}
              />
            ),
          },
        ]
      : []),
    ...(action === 'remove'
      ? [
          {
            title: t('rosters.removalReason'),
            key: 'reason',
            render: (_: unknown, e: EntryView) => (
              <Space orientation="vertical" size={0}>
                <span data-testid="entry-reason">{removalReasonLabel(t, e.removalReason)}</span>
                {e.removalNote && (
                  <Typography.Text type="secondary">{e.removalNote}</Typography.Text>
                )}
              </Space>
            ),
          },
        ]
      : []),
    {
      title: comments
        ? `${t('rosters.reviewState')} / ${t('rosters.returnComment')}`
        : t('rosters.reviewState'),
      key: 'review',
      width: comments ? 280 : 220,
      render: (_, e) => review(e),
    },
    ...(onWithdraw
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, e: EntryView) => (
              <Popconfirm
                title={t('rosters.withdrawConfirm')}
                okText={t('rosters.withdraw')}
                cancelText={t('common.cancel')}
                onConfirm={() => onWithdraw(e)}
              >
                <Button type="link" size="small" danger>
                  {t('rosters.withdraw')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setTab(k as Action)}
      data-testid="round-entries"
      items={actions.map((a) => {
        const list = of(a);
        const returned = list.filter((e) => e.reviewState === 'returned').length;
        return {
          key: a,
          label: (
            <Space size={6} data-testid={`tab-${a}`}>
              {t(`rosters.counts.${a}`)}
              <Badge
                count={list.length}
                showZero
                color={returned > 0 ? '#fa541c' : '#8c8c8c'}
                overflowCount={99999}
              />
            </Space>
          ),
          children: (
            <Table<EntryView>
              rowKey="id"
              size="small"
              columns={columns(a)}
              dataSource={list}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t(`rosters.emptyTabs.${a}`)}
                  />
                ),
              }}
            />
          ),
        };
      })}
    />
  );
}
