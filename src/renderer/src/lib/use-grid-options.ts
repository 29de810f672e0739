import { useEffect, useMemo, useState } from 'react';
import type { GridNode } from '@shared/grids';
import { callNotify } from './api';
import { useAppState } from './settings-context';

export interface GridOption {
  value: string;
  label: string;
  level: number;
}

/** Every grid as a select option labelled with its path ("温水镇 / 许坪村 / 一组（110101）"). */
export function useGridOptions(
  levels: readonly number[],
  refreshKey = 0,
): { options: GridOption[]; nodes: GridNode[] } {
  const { dataVersion } = useAppState();
  const [nodes, setNodes] = useState<GridNode[]>([]);
  useEffect(() => {
    let live = true;
    void callNotify('grids/tree', {}).then((t) => {
      if (live && t) setNodes(t);
    });
    return () => {
      live = false;
    };
  }, [dataVersion, refreshKey]);
  const options = useMemo(() => {
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const pathOf = (n: GridNode): string[] => {
      const names: string[] = [];
      for (let g: GridNode | undefined = n; g; g = g.parentId === null ? undefined : byId.get(g.parentId))
        names.unshift(g.name);
      return names;
    };
    return nodes
      .filter((n) => levels.includes(n.level))
      .map((n) => ({ value: String(n.id), label: `${pathOf(n).join(' / ')}（${n.code}）`, level: n.level }));
  }, [nodes, levels]);
  return { options, nodes };
}
