import type { GridNode } from '@shared/grids';

export interface TreeIndex {
  byId: Map<number, GridNode>;
  children: Map<number | null, GridNode[]>;
}

/** Indexes the flat list from `grids/tree` (already in code order). */
export function indexTree(nodes: GridNode[]): TreeIndex {
  const byId = new Map<number, GridNode>();
  const children = new Map<number | null, GridNode[]>();
  for (const n of nodes) {
    byId.set(n.id, n);
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  return { byId, children };
}

export function ancestors(index: TreeIndex, id: number): GridNode[] {
  const out: GridNode[] = [];
  let cur = index.byId.get(id);
  while (cur && cur.parentId !== null) {
    const parent = index.byId.get(cur.parentId);
    if (!parent) break;
    out.unshift(parent);
    cur = parent;
  }
  return out;
}

export interface TreeRow {
  node: GridNode;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  match: boolean;
}

/**
 * The rows to show, top to bottom. Without a query: roots and the children of expanded
 * nodes. With a query (name or code): every match and its ancestors, all open.
 */
export function visibleRows(index: TreeIndex, expanded: ReadonlySet<number>, query: string): TreeRow[] {
  const q = query.trim();
  const rows: TreeRow[] = [];
  if (!q) {
    const walk = (parentId: number | null, depth: number) => {
      for (const node of index.children.get(parentId) ?? []) {
        const hasChildren = (index.children.get(node.id)?.length ?? 0) > 0;
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
