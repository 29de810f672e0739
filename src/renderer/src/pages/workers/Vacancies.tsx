import { useState } from 'react';
import { Group, Select, Stack, Text } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { LEVEL_ORDINALS, type GridLevel } from '@shared/grids';
import { useApiQuery } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { LEVEL_OPTIONS, SCOPE_LEVELS } from './WorkerList';

/** Grids that have no current worker (待配备). */
export function Vacancies() {
  const [level, setLevel] = useState<string | null>('4');
  const [scope, setScope] = useState<number | null>(null);
  const rows = useApiQuery('grids/vacancies', { gridId: scope, level: level ? Number(level) : null }).data ?? [];
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <GridSelect
          levels={SCOPE_LEVELS}
          placeholder="全部镇、村、组"
          aria-label="空缺范围"
          value={scope}
          onChange={setScope}
          w={280}
        />
        <Select
          placeholder="全部层级"
          aria-label="空缺层级"
          data={LEVEL_OPTIONS}
          value={level}
          onChange={setLevel}
          clearable
          w={140}
        />
        <Text size="sm" c="dimmed">
          共 {rows.length} 个网格没有现任网格员（待配备）
        </Text>
      </Group>
      <DataTable
        withTableBorder
        striped
        minHeight={150}
        height="calc(100dvh - 300px)"
        records={rows}
        noRecordsText="没有空缺的网格"
        columns={[
          { accessor: 'code', title: '网格编码', width: 140 },
          { accessor: 'name', title: '网格名称' },
          { accessor: 'level', title: '层级', width: 120, render: (v) => LEVEL_ORDINALS[v.level as GridLevel] },
        ]}
      />
    </Stack>
  );
}
