import type { DivisionView } from '../../../../../server/modules/divisions/contract.ts';

/** The flat list of GET /api/divisions (parents first) as a tree, with lookups. */
export type DivisionNode = DivisionView & { children: DivisionNode[]; depth: number };

export type DivisionTree = {
  roots: DivisionNode[];
  byCode: Map<string, DivisionNode>;
};

export function buildDivisionTree(items: readonly DivisionView[]): DivisionTree {
  const byCode = new Map<string, DivisionNode>();
  const roots: DivisionNode[] = [];
  for (const item of items) byCode.set(item.code, { ...item, children: [], depth: 0 });
  for (const node of byCode.values()) {
    const parent = node.parentCode ? byCode.get(node.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (a: DivisionNode, b: DivisionNode) =>
    a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
  const walk = (nodes: DivisionNode[], depth: number) => {
    nodes.sort(order);
    for (const n of nodes) {
      n.depth = depth;
      walk(n.children, depth + 1);
    }
  };
  walk(roots, 0);
  return { roots, byCode };
}

/** From the root down to the division itself. */
export function pathTo(tree: DivisionTree, code: string): DivisionNode[] {
  const path: DivisionNode[] = [];
  let node = tree.byCode.get(code);
  while (node) {
    path.unshift(node);
    node = node.parentCode ? tree.byCode.get(node.parentCode) : undefined;
  }
  return path;
}

/**
 * What the tree opens with: the top level, and further down while a level holds a single division
 * (an administrator sees 沈阳市 › 大东区 › its streets; a district officer 大东区 › its streets).
 */
export function defaultExpanded(tree: DivisionTree): string[] {
  const keys = tree.roots.filter((n) => n.children.length).map((n) => n.code);
  let level = tree.roots;
  while (level.length === 1 && level[0]?.children.length === 1) {
    level = level[0].children;
    if (level[0]?.children.length) keys.push(level[0].code);
  }
  return keys;
}

/** Codes matching a search (name or code), with their ancestors, to filter and open the tree. */
export function searchTree(
  tree: DivisionTree,
  text: string,
): { visible: Set<string>; open: string[] } {
  const q = text.trim().toLowerCase();
  const visible = new Set<string>();
  const open = new Set<string>();
  for (const node of tree.byCode.values()) {
    if (!node.name.toLowerCase().includes(q) && !node.code.startsWith(q)) continue;
    for (const p of pathTo(tree, node.code)) {
      visible.add(p.code);
      if (p.code !== node.code) open.add(p.code);
    }
  }
  return { visible, open: [...open] };
}
