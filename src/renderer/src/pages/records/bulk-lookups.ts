/**
 * What the bulk grid's type-ahead resolves against: the grids, workers and households of the
 * chosen scope (a village, or the whole township when none), and the clerk's publicity topics.
 */
import { useMemo } from 'react';
import type { GridNode } from '@shared/grids';
import { useApiQuery } from '@renderer/lib/query';
import { useAppState } from '@renderer/lib/settings-context';
import type { Lookups } from './bulk-model';

/** The grid and everything below it, in code order. */
function subtree(nodes: GridNode[], rootId: number | null): GridNode[] {
  if (rootId === null) return [...nodes].sort((a, b) => a.code.localeCompare(b.code));
  const inside = new Set([rootId]);
  // Parents come before children in code order, so one pass collects the subtree.
  const sorted = [...nodes].sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
  for (const n of sorted) if (n.parentId !== null && inside.has(n.parentId)) inside.add(n.id);
  return sorted.filter((n) => inside.has(n.id)).sort((a, b) => a.code.localeCompare(b.code));
}

export function useBulkLookups(scopeId: number | null): { lookups: Lookups; grids: GridNode[]; loading: boolean } {
  const { settings } = useAppState();
  const tree = useApiQuery('grids/tree', {});
  const workers = useApiQuery('workers/list', { gridId: scopeId, status: '在岗', limit: 500 });
  const households = useApiQuery('households/list', { gridId: scopeId, limit: 500 });
  const grids = useMemo(() => subtree(tree.data ?? [], scopeId), [tree.data, scopeId]);
  const lookups = useMemo<Lookups>(
    () => ({
      grids: grids.map((g) => ({ id: g.id, label: g.label, code: g.code })),
      workers: (workers.data?.rows ?? []).map((w) => ({
        id: w.id,
        name: w.name,
        gridIds: w.grids.map((g) => g.gridId),
      })),
      households: (households.data?.rows ?? []).map((h) => ({ id: h.id, headName: h.headName, gridId: h.gridId })),
      topics: settings.publicityTopics,
    }),
    [grids, workers.data, households.data, settings.publicityTopics],
  );
  return { lookups, grids, loading: tree.isLoading || workers.isLoading || households.isLoading };
}
