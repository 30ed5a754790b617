import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  divisionLevels,
  type DivisionLevel,
} from '../../../../server/platform/contract/divisions.ts';
import { useDivisionList } from '../modules/divisions/api.ts';
import {
  buildDivisionTree,
  defaultExpanded,
  type DivisionNode,
} from '../modules/divisions/tree.ts';

type Node = { value: string; title: string; disabled?: boolean; children?: Node[] };

/**
 * Picks a division of the user's scope, searchable by name or code. With `levels`, only divisions
 * of those levels can be picked: the levels above stay as the way down, the levels below are left out.
 */
export function DivisionTreeSelect({
  levels,
  disabled,
  ...props
}: Omit<TreeSelectProps<string>, 'treeData'> & { levels?: readonly DivisionLevel[] | null }) {
  const { t } = useTranslation();
  const list = useDivisionList();
  const { treeData, expanded } = useMemo(() => {
    const tree = buildDivisionTree(list.data ?? []);
    const deepest = levels?.length ? Math.max(...levels.map((l) => divisionLevels.indexOf(l))) : 99;
    const toData = (nodes: DivisionNode[]): Node[] =>
      nodes
        .filter((n) => divisionLevels.indexOf(n.level) <= deepest)
        .map((n) => {
          const children = toData(n.children);
          return {
            value: n.code,
            title: t('common.nameWithKind', { name: n.name, kind: t(`levels.${n.level}`) }),
            ...(levels && !levels.includes(n.level) ? { disabled: true } : {}),
            ...(children.length ? { children } : {}),
          };
        });
    return { treeData: toData(tree.roots), expanded: defaultExpanded(tree) };
  }, [list.data, levels, t]);

  return (
    <TreeSelect<string>
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={t('users.selectDivision')}
      loading={list.isPending}
      // the tree opens on its first levels when it first shows: not before the divisions are here
      disabled={disabled || list.isPending}
      treeData={treeData}
      treeDefaultExpandedKeys={expanded}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 400, overflow: 'auto' } } }}
      {...props}
    />
  );
}
