import { useState } from 'react';
import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { IconDownload, IconUserPlus } from '@tabler/icons-react';
import { todayChinese } from '@shared/dates';
import { LEVEL_ORDINALS, type GridLevel } from '@shared/grids';
import type { Vacancy } from '@shared/people';
import { saveThenOpen } from '@renderer/lib/files';
import { useOpen } from '@renderer/lib/navigation';
import { useApiQuery } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';
import { AppointModal } from '@renderer/pages/grids/AppointModal';
import { LEVEL_OPTIONS, SCOPE_LEVELS } from './WorkerList';

function exportVacancies(input: { gridId: number | null; level: number | null }) {
  return saveThenOpen('export/vacancies', input, {
    title: '导出空缺网格',
    defaultName: `待配备网格-${todayChinese()}.xlsx`,
    describe: (r) => `已导出 ${r.rows} 个待配备网格`,
    errorTitle: '导出未完成',
  });
}

function columns(openWorker: (id: number) => void, appoint: (v: Vacancy) => void): DataTableColumn<Vacancy>[] {
  return [
    { accessor: 'code', title: '网格编码', width: 120 },
    { accessor: 'label', title: '网格' },
    { accessor: 'level', title: '层级', width: 90, render: (v) => LEVEL_ORDINALS[v.level as GridLevel] },
    { accessor: 'households', title: '住户', width: 64, render: (v) => (v.level === 4 ? `${v.households} 户` : '—') },
    {
      accessor: 'lastHolder',
      title: '上任网格员',
      width: 190,
      render: (v) =>
        v.lastHolder ? (
          <Text size="sm">
            <Anchor component="button" type="button" size="sm" onClick={() => openWorker(v.lastHolder!.workerId)}>
              {v.lastHolder.name}
            </Anchor>
            （至 {v.lastHolder.endDate}）
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            从未配备
          </Text>
        ),
    },
    {
      accessor: 'actions',
      title: '',
      width: 118,
      render: (v) => (
        <Button size="compact-xs" variant="light" leftSection={<IconUserPlus size={14} />} onClick={() => appoint(v)}>
          任命网格员
        </Button>
      ),
    },
  ];
}

/** Grids that have no current worker (待配备), each filled from its own row. */
export function Vacancies() {
  const open = useOpen();
  const [level, setLevel] = useState<string | null>('4');
  const [scope, setScope] = useState<number | null>(null);
  const [appointing, setAppointing] = useState<Vacancy | null>(null);
  const input = { gridId: scope, level: level ? Number(level) : null };
  const loaded = useApiQuery('grids/vacancies', input).data;
  const rows = loaded ?? [];
  return (
    <Stack gap="sm">
      <Group gap="xs" justify="space-between">
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
          <Text size="sm" c="dimmed" data-testid="vacancy-count">
            共 {rows.length} 个网格没有现任网格员（待配备）
          </Text>
        </Group>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          disabled={rows.length === 0}
          onClick={() => void exportVacancies(input)}
        >
          导出空缺名单
        </Button>
      </Group>
      <DataTable
        withTableBorder
        striped
        minHeight={150}
        height="calc(100dvh - 300px)"
        records={rows}
        // Loading is not "none": the empty state would flash before the rows arrive.
        fetching={loaded === undefined}
        noRecordsText="没有空缺的网格"
        columns={columns((id) => open({ kind: 'worker', id }), setAppointing)}
        data-testid="vacancy-table"
      />
      {appointing && <AppointModal grid={appointing} onClose={() => setAppointing(null)} />}
    </Stack>
  );
}
