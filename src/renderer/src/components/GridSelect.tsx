import { Select, type SelectProps } from '@mantine/core';
import { useGridOptions } from '@renderer/lib/use-grid-options';

interface Props extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  levels: readonly number[];
  value: number | null;
  onChange(id: number | null): void;
}

/** Picks a grid by name or code, showing its path. */
export function GridSelect({ levels, value, onChange, ...rest }: Props) {
  const { options } = useGridOptions(levels);
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
