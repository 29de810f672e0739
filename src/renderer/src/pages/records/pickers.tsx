import { useMemo, useState } from 'react';
import { Checkbox, Group, Select, SimpleGrid, Text, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useApiQuery } from '@renderer/lib/query';

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  /** Only the workers of this grid's subtree; null: every worker. */
  gridId: number | null;
  value: number | null;
  /** How the chosen one is named while the list has not loaded (or no longer holds it). */
  currentName?: string | null;
  onChange(id: number | null): void;
};

/** Type-ahead among the workers of a grid (and its subtree). */
export function WorkerPicker({ gridId, value, currentName, onChange, ...rest }: PickerProps) {
  const rows = useApiQuery('workers/list', { gridId, limit: 500 }).data?.rows;
  const data = useMemo(() => {
    const options = (rows ?? []).map((w) => ({
      value: String(w.id),
      label: w.grids.length ? `${w.name}（${w.grids.map((g) => g.gridLabel).join('、')}）` : w.name,
    }));
    if (value !== null && !options.some((o) => o.value === String(value)))
      options.unshift({ value: String(value), label: currentName ?? `网格员 ${value}` });
    return options;
  }, [rows, value, currentName]);
  return (
    <Select
      searchable
      clearable
      limit={100}
      nothingFoundMessage={gridId ? '这个网格没有符合的网格员' : '没有符合的网格员'}
      data={data}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      {...rest}
    />
  );
}

/** Type-ahead among the households of a grid's subtree, searched by the server as the clerk types. */
export function HouseholdPicker({ gridId, value, currentName, onChange, ...rest }: PickerProps) {
  const [search, setSearch] = useState('');
  const [settled] = useDebouncedValue(search, 250);
  const rows = useApiQuery('households/list', { gridId, search: settled, limit: 50 }).data?.rows;
  const data = useMemo(() => {
    const options = (rows ?? []).map((h) => ({ value: String(h.id), label: `${h.headName}（${h.gridLabel}）` }));
    if (value !== null && !options.some((o) => o.value === String(value)))
      options.unshift({ value: String(value), label: currentName ?? `住户 ${value}` });
    return options;
  }, [rows, value, currentName]);
  return (
    <Select
      searchable
      clearable
      nothingFoundMessage="没有符合的住户"
      data={data}
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v ? Number(v) : null)}
      {...rest}
    />
  );
}

/** The sign-in list of a training: ticked from the workers of the organiser's subtree. */
export function AttendeePicker({
  gridId,
  value,
  onChange,
  error,
}: {
  gridId: number | null;
  value: number[];
  onChange(ids: number[]): void;
  error?: string;
}) {
  const rows = useApiQuery('workers/list', { gridId, status: '在岗', limit: 500 }, { enabled: gridId !== null }).data
    ?.rows;
  if (gridId === null)
    return (
      <Text size="sm" c="dimmed">
        选择组织网格后，从其网格员中勾选签到人员
      </Text>
    );
  return (
    <Checkbox.Group
      label={`签到人员（已勾选 ${value.length} 人）`}
      value={value.map(String)}
      onChange={(v) => onChange(v.map(Number))}
      error={error}
    >
      <Group gap="xs" mb={4} mt={4}>
        <Text size="xs" c="blue" style={{ cursor: 'pointer' }} onClick={() => onChange((rows ?? []).map((w) => w.id))}>
          全选
        </Text>
        <Text size="xs" c="blue" style={{ cursor: 'pointer' }} onClick={() => onChange([])}>
          清空
        </Text>
      </Group>
      <SimpleGrid cols={4} spacing={6} verticalSpacing={6} mah={180} style={{ overflowY: 'auto' }}>
        {(rows ?? []).map((w) => (
          <Checkbox key={w.id} value={String(w.id)} label={w.name} size="xs" />
        ))}
      </SimpleGrid>
      {rows && rows.length === 0 && (
        <Text size="sm" c="dimmed">
          这个网格下没有在岗的网格员
        </Text>
      )}
    </Checkbox.Group>
  );
}
