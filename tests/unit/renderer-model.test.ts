import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridNode } from '../../src/shared/grids';
import {
  ancestors,
  buildTree,
  indexTree,
  treeKey,
  treeSize,
  visibleRows,
  withOpened,
  type TreeIndex,
} from '../../src/renderer/src/pages/grids/tree-model';
import { openTestApp, type TestApp } from '../helpers/context';

function node(id: number, parentId: number | null, level: 1 | 2 | 3 | 4, name: string, code: string): GridNode {
  return {
    id,
    parentId,
    level,
    name,
    label: name,
    code,
    kind: null,
    divisionCode: null,
    childCount: 0,
    descendants: [0, 0, 0, 0],
    households: 0,
    workers: [],
  };
}

const nodes = [
  node(1, null, 1, '温水镇', '11'),
  node(2, 1, 2, '田家河村', '1114'),
  node(3, 2, 3, '十四组', '111401'),
  node(4, 3, 4, '十四组第1网格', '11140101'),
  node(5, 1, 2, '石桥村', '1115'),
];
for (const n of nodes) n.childCount = nodes.filter((c) => c.parentId === n.id).length;

describe('tree model', () => {
  const index = indexTree(nodes);

  it('shows roots and only the children of open nodes', () => {
    expect(visibleRows(index, new Set(), '').map((r) => r.node.id)).toEqual([1]);
    expect(visibleRows(index, new Set([1]), '').map((r) => r.node.id)).toEqual([1, 2, 5]);
    expect(visibleRows(index, new Set([1, 2, 3]), '').map((r) => [r.node.id, r.depth])).toEqual([
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
      [5, 1],
    ]);
  });

  it('search by name or code shows matches with their ancestors', () => {
    const byName = visibleRows(index, new Set(), '十四组第1');
    expect(byName.map((r) => r.node.id)).toEqual([1, 2, 3, 4]);
    expect(byName.filter((r) => r.match).map((r) => r.node.id)).toEqual([4]);
    expect(visibleRows(index, new Set(), '1115').map((r) => r.node.id)).toEqual([1, 5]);
    expect(visibleRows(index, new Set(), '不存在')).toEqual([]);
    expect(ancestors(index, 4).map((a) => a.id)).toEqual([1, 2, 3]);
  });

  it('opens the townships and the way to the selected grid, keeping what the clerk opened', () => {
    const start = withOpened(index, null, new Set());
    expect([...start]).toEqual([1]);
    expect(withOpened(index, null, start)).toBe(start);
    expect([...withOpened(index, 4, new Set([5]))].sort()).toEqual([1, 2, 3, 5]);
  });

  it('moves through the rows with the keys of a file tree', () => {
    const key = (open: number[], selected: number | null, k: string, query = '') =>
      treeKey(visibleRows(index, new Set(open), query), selected, k, query !== '');
    expect(key([1], 1, 'ArrowDown')).toEqual({ kind: 'select', id: 2 });
    expect(key([1], 5, 'ArrowDown')).toEqual({ kind: 'select', id: 5 });
    expect(key([1], null, 'ArrowUp')).toEqual({ kind: 'select', id: 1 });
    expect(key([1], 5, 'ArrowUp')).toEqual({ kind: 'select', id: 2 });
    expect(key([1], 2, 'Home')).toEqual({ kind: 'select', id: 1 });
    expect(key([1], 1, 'End')).toEqual({ kind: 'select', id: 5 });
    // → opens a closed node, then goes to its first child; nothing below a leaf.
    expect(key([1], 2, 'ArrowRight')).toEqual({ kind: 'toggle', id: 2, open: true });
    expect(key([1, 2], 2, 'ArrowRight')).toEqual({ kind: 'select', id: 3 });
    expect(key([1], 5, 'ArrowRight')).toEqual({ kind: 'none' });
    expect(key([1], null, 'ArrowRight')).toEqual({ kind: 'select', id: 1 });
    // ← closes an open node, else goes to the parent; while searching rows stay open.
    expect(key([1, 2], 2, 'ArrowLeft')).toEqual({ kind: 'toggle', id: 2, open: false });
    expect(key([1, 2], 3, 'ArrowLeft')).toEqual({ kind: 'select', id: 2 });
    expect(key([], 2, 'ArrowLeft', '十四组')).toEqual({ kind: 'select', id: 1 });
    expect(key([1], 1, 'ArrowLeft')).toEqual({ kind: 'toggle', id: 1, open: false });
    expect(key([], 1, 'ArrowLeft')).toEqual({ kind: 'none' });
    expect(key([], 1, 'ArrowLeft', '温水')).toEqual({ kind: 'none' });
    // Other keys, or no rows at all, are left to the browser.
    expect(key([1], 1, 'Enter')).toBeNull();
    expect(key([1], 1, 'ArrowDown', '不存在')).toBeNull();
  });
});

describe('tree model from grids/treeRows', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await openTestApp();
    await app.call('demo/create', { townships: 2 });
    // A group moved with its code kept now sorts before its new parent: totals must not rely
    // on code order.
    const tree = await app.call('grids/tree', {});
    const villages = tree.filter((g) => g.level === 2);
    const group = tree.find((g) => g.parentId === villages[0]!.id)!;
    // Renamed first: the new parent has its own 一组, and siblings never share a name.
    await app.call('grids/update', { id: group.id, name: '迁入组', code: group.code });
    await app.call('grids/move', { id: group.id, parentId: villages[1]!.id, keepCodes: true });
  });
  afterAll(() => app.close());

  it('adds up the same child counts, descendants and households as grids/tree', async () => {
    const full = await app.call('grids/tree', {});
    const index = buildTree(await app.call('grids/treeRows', {}));
    expect([...index.byId.values()]).toEqual(
      full.map((g) => ({
        id: g.id,
        parentId: g.parentId,
        level: g.level,
        name: g.name,
        code: g.code,
        childCount: g.childCount,
        descendants: g.descendants,
        households: g.households,
      })),
    );
    expect(full.some((g) => g.level === 1 && g.households > 1000)).toBe(true);
    expect(index.children.get(null)!.map((n) => n.code)).toEqual(full.filter((g) => g.level === 1).map((g) => g.code));
  });

  it('draws the top of the tree (grids/tree to level 2) as the whole tree starts, before the rest', async () => {
    const top = indexTree(await app.call('grids/tree', { maxLevel: 2 }));
    const whole = buildTree(await app.call('grids/treeRows', {}));
    expect([...top.byId.values()].every((n) => n.level <= 2)).toBe(true);
    expect(top.byId.size).toBeLessThan(whole.byId.size / 5);
    expect(treeSize(top)).toBe(whole.byId.size);
    expect(treeSize(whole)).toBe(whole.byId.size);
    const shown = (index: TreeIndex) =>
      visibleRows(index, withOpened(index, null, new Set()), '').map((r) => [
        r.node.code,
        r.depth,
        r.hasChildren,
        r.expanded,
        r.node.descendants,
        r.node.households,
      ]);
    expect(shown(top)).toEqual(shown(whole));
    expect(shown(top).some(([, depth, hasChildren]) => depth === 1 && hasChildren)).toBe(true);
  });
});
