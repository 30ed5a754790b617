import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDivisionList } from '../modules/divisions/api.ts';
import {
  buildDivisionTree,
  defaultExpanded,
  type DivisionNode,
} from '../modules/divisions/tree.ts';

type Node = { value: string; title: string; children?: Node[] };

/** Picks a division of the user's scope, searchable by name or code. */
export function DivisionTreeSelect(props: Omit<TreeSelectProps<string>, 'treeData'>) {
  const { t } = useTranslation();
  const list = useDivisionList();
  const { treeData, expanded } = useMemo(() => {
    const tree = buildDivisionTree(list.data ?? []);
    const toData = (nodes: DivisionNode[]): Node[] =>
      nodes.map((n) => ({
        value: n.code,
        title: `${n.name}（${t(`levels.${n.level}`)}）`,
        ...(n.children.length ? { children: toData(n.children) } : {}),
      }));
    return { treeData: toData(tree.roots), expanded: defaultExpanded(tree) };
  }, [list.data, t]);

  return (
    <TreeSelect<string>
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('users.selectDivision')}
      loading={list.isPending}
      treeData={treeData}
      treeDefaultExpandedKeys={expanded}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      {...props}
    />
  );
}
