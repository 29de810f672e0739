import type { GridNode, GridTreeRows } from '@shared/grids';

/** A grid as the tree panel knows it: what the tree draws and the detail's child list shows. */
export type TreeNode = Pick<
  GridNode,
  'id' | 'parentId' | 'level' | 'name' | 'code' | 'childCount' | 'descendants' | 'households'
>;

export interface TreeIndex<N extends TreeNode = TreeNode> {
  byId: Map<number, N>;
  children: Map<number | null, N[]>;
}

/**
 * Indexes a flat list of grids (already in code order): the whole tree, or only its top
 * (`grids/tree` with maxLevel), whose nodes still carry the counts of what lies below them.
 */
export function indexTree<N extends TreeNode>(nodes: N[]): TreeIndex<N> {
  const byId = new Map<number, N>();
  const children = new Map<number | null, N[]>();
  for (const n of nodes) {
    byId.set(n.id, n);
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  return { byId, children };
}

/**
 * The tree model from `grids/treeRows`, built once per load: the nodes, their index, and each
 * node's child count, descendants per level and households below it (the rows carry only
 * each grid's own households).
 */
export function buildTree(rows: GridTreeRows): TreeIndex {
  const nodes: TreeNode[] = rows.id.map((id, i) => ({
    id,
    parentId: rows.parentId[i]!,
    level: rows.level[i]!,
    name: rows.name[i]!,
    code: rows.code[i]!,
    childCount: 0,
    descendants: [0, 0, 0, 0],
    households: rows.households[i]!,
  }));
  const index = indexTree(nodes);
  // Deepest level first: a node's totals are complete before they are added to its parent's.
  const deepestFirst = [...nodes].sort((a, b) => b.level - a.level);
  for (const node of deepestFirst) {
    const parent = node.parentId === null ? undefined : index.byId.get(node.parentId);
    if (!parent) continue;
    parent.childCount += 1;
    parent.descendants[node.level - 1]! += 1;
    for (let i = 0; i < 4; i++) parent.descendants[i]! += node.descendants[i]!;
    parent.households += node.households;
  }
  return index;
}

/** How many grids the tree has, counting those below a top-only load. */
export function treeSize(index: TreeIndex): number {
  let n = 0;
  for (const root of index.children.get(null) ?? []) n += 1 + root.descendants.reduce((a, b) => a + b, 0);
  return n;
}

export function ancestors<N extends TreeNode>(index: TreeIndex<N>, id: number): N[] {
  const out: N[] = [];
  let cur = index.byId.get(id);
  while (cur && cur.parentId !== null) {
    const parent = index.byId.get(cur.parentId);
    if (!parent) break;
    out.unshift(parent);
    cur = parent;
  }
  return out;
}

/**
 * The nodes that start open: every root (townships) and the ancestors of the selected grid, so
 * that it can be seen. Returns `current` itself when nothing needs opening.
 */
export function withOpened(index: TreeIndex, selectedId: number | null, current: ReadonlySet<number>): Set<number> {
  const want = [...(index.children.get(null) ?? [])];
  if (selectedId !== null) want.push(...ancestors(index, selectedId));
  if (want.every((n) => current.has(n.id))) return current as Set<number>;
  const next = new Set(current);
  for (const n of want) next.add(n.id);
  return next;
}

export interface TreeRow<N extends TreeNode = TreeNode> {
  node: N;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  match: boolean;
}

/**
 * The rows to show, top to bottom. Without a query: roots and the children of expanded
 * nodes. With a query (name or code): every match and its ancestors, all open.
 */
export function visibleRows<N extends TreeNode>(
  index: TreeIndex<N>,
  expanded: ReadonlySet<number>,
  query: string,
): TreeRow<N>[] {
  const q = query.trim();
  const rows: TreeRow<N>[] = [];
  if (!q) {
    const walk = (parentId: number | null, depth: number) => {
      for (const node of index.children.get(parentId) ?? []) {
        // From the count, not the loaded children: the top of the tree comes first, on its own.
        const hasChildren = node.childCount > 0;
        const open = hasChildren && expanded.has(node.id);
        rows.push({ node, depth, hasChildren, expanded: open, match: false });
        if (open) walk(node.id, depth + 1);
      }
    };
    walk(null, 0);
    return rows;
  }
  const matches = new Set<number>();
  const keep = new Set<number>();
  for (const node of index.byId.values()) {
    if (node.name.includes(q) || node.code.includes(q)) {
      matches.add(node.id);
      keep.add(node.id);
      for (const a of ancestors(index, node.id)) keep.add(a.id);
    }
  }
  const walk = (parentId: number | null, depth: number) => {
    for (const node of index.children.get(parentId) ?? []) {
      if (!keep.has(node.id)) continue;
      const kids = (index.children.get(node.id) ?? []).filter((c) => keep.has(c.id));
      rows.push({ node, depth, hasChildren: kids.length > 0, expanded: kids.length > 0, match: matches.has(node.id) });
      walk(node.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/** What a key press does in the tree. */
export type TreeKeyAction =
  { kind: 'select'; id: number } | { kind: 'toggle'; id: number; open: boolean } | { kind: 'none' };

const TREE_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'ArrowRight', 'ArrowLeft']);

/**
 * Keyboard use like a file tree: ↑ ↓ move, → opens or goes to the first child, ← closes or goes
 * to the parent, Home, End. Null for keys the tree leaves to the browser. While searching every
 * row is open and stays open.
 */
export function treeKey(
  rows: TreeRow[],
  selectedId: number | null,
  key: string,
  searching: boolean,
): TreeKeyAction | null {
  if (rows.length === 0 || !TREE_KEYS.has(key)) return null;
  const at = rows.findIndex((r) => r.node.id === selectedId);
  const cur = at >= 0 ? rows[at] : undefined;
  const go = (i: number): TreeKeyAction => ({
    kind: 'select',
    id: rows[Math.max(0, Math.min(rows.length - 1, i))]!.node.id,
  });
  switch (key) {
    case 'ArrowDown':
      return go(at + 1);
    case 'ArrowUp':
      return go(at < 0 ? 0 : at - 1);
    case 'Home':
      return go(0);
    case 'End':
      return go(rows.length - 1);
    case 'ArrowRight':
      if (!cur) return go(0);
      if (cur.hasChildren && !cur.expanded) return { kind: 'toggle', id: cur.node.id, open: true };
      return cur.hasChildren ? go(at + 1) : { kind: 'none' };
    default:
      if (!cur) return { kind: 'none' };
      if (cur.hasChildren && cur.expanded && !searching) return { kind: 'toggle', id: cur.node.id, open: false };
      return cur.node.parentId !== null ? { kind: 'select', id: cur.node.parentId } : { kind: 'none' };
  }
}
