import { useMemo } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useGridOptions } from '@renderer/lib/use-grid-options';

interface Props extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  levels: readonly number[];
  value: number | null;
  onChange(id: number | null): void;
}

/**
 * Picks a grid by name or code. Options name the grid from its village down with its code
 * (许坪村 / 一组 / 第1网格（11010101）): 一组 and 第1网格 exist in every village.
 */
export function GridSelect({ levels, value, onChange, ...rest }: Props) {
  const { nodes } = useGridOptions(levels);
  const options = useMemo(
    () =>
      nodes
        .filter((n) => levels.includes(n.level))
        .map((n) => ({ value: String(n.id), label: `${n.label}（${n.code}）` })),
    [nodes, levels],
  );
  return (
    <Select
      searchable
      clearable
      limit={100}
      nothingFoundMessage="没有符合的网格"
      data={options}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      {...rest}
    />
  );
}
