import { SearchOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Input, Space, Spin, Switch, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree/index.js';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../../../shared/errors.ts';
import {
  defaultExpanded,
  pathTo,
  searchTree,
  type DivisionNode,
  type DivisionTree,
} from '../tree.ts';

type Props = {
  tree: DivisionTree;
  loading: boolean;
  error: unknown;
  selected: string | undefined;
  includeInactive: boolean;
  onIncludeInactive: (v: boolean) => void;
  onSelect: (code: string) => void;
};

export function DivisionTreeCard(props: Props) {
  const { tree, selected } = props;
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  const found = useMemo(() => (search.trim() ? searchTree(tree, search) : null), [tree, search]);

  // open the default levels once the data is there, and the way down to the selected division
  useEffect(() => {
    setExpanded((prev) => [...new Set([...prev, ...defaultExpanded(tree)])]);
  }, [tree]);
  useEffect(() => {
    const ancestors = selected
      ? pathTo(tree, selected)
          .slice(0, -1)
          .map((n) => n.code)
      : [];
    if (ancestors.length) setExpanded((prev) => [...new Set([...prev, ...ancestors])]);
  }, [tree, selected]);
  useEffect(() => {
    if (found) setExpanded(found.open);
  }, [found]);

  const treeData = useMemo(() => {
    const toData = (nodes: DivisionNode[]): DataNode[] =>
      nodes
        .filter((n) => !found || found.visible.has(n.code))
        .map((n) => ({
          key: n.code,
          title: (
            <span>
              <span data-testid="division-node-name">{n.name}</span>
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {t(`levels.${n.level}`)}
              </Typography.Text>
              {n.validTo && (
                <Tag style={{ marginLeft: 8 }} color="default">
                  {t('divisions.inactive')}
                </Tag>
              )}
            </span>
          ),
          children: n.children.length ? toData(n.children) : undefined,
          isLeaf: n.children.length === 0,
        }));
    return toData(tree.roots);
  }, [tree, found, t]);

  return (
    <Card
      title={t('divisions.tree')}
      extra={
        <Space size="small">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('divisions.inactive')}
          </Typography.Text>
          <Switch size="small" checked={props.includeInactive} onChange={props.onIncludeInactive} />
        </Space>
      }
      styles={{ body: { padding: 12 } }}
      style={{ height: '100%' }}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('divisions.searchPlaceholder')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        style={{ marginBottom: 12 }}
      />
      {props.error ? <Alert type="error" showIcon title={errorMessage(props.error)} /> : null}
      {props.loading ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : treeData.length === 0 ? (
        <Empty description={t('divisions.empty')} />
      ) : (
        <div
          data-testid="division-tree"
          style={{ maxHeight: 'calc(100vh - 260px)', overflow: 'auto' }}
        >
          <Tree
            showLine
            blockNode
            treeData={treeData}
            expandedKeys={expanded}
            onExpand={(keys) => setExpanded(keys.map(String))}
            selectedKeys={selected ? [selected] : []}
            onSelect={(keys) => {
              const key = keys[0];
              if (key !== undefined) props.onSelect(String(key));
            }}
          />
        </div>
      )}
    </Card>
  );
}
