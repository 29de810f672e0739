import { useMemo } from 'react';
import type { GridNode } from '@shared/grids';
import { useApiQuery } from './query';

export interface GridOption {
  value: string;
  label: string;
  level: number;
}

const NO_NODES: GridNode[] = [];

/** Every grid as a select option labelled with its path ("温水镇 / 许坪村 / 一组（110101）"). */
export function useGridOptions(levels: readonly number[]): { options: GridOption[]; nodes: GridNode[] } {
  const nodes = useApiQuery('grids/tree', {}).data ?? NO_NODES;
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
