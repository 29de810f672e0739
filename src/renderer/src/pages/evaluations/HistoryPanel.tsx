import { useMemo, useState } from 'react';
import { Badge, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { DataTable } from 'mantine-datatable';
import { IconFlag } from '@tabler/icons-react';
import type { FlaggedWorker, GradeHistoryEntry } from '@shared/evaluations';
import { useApiQuery } from '@renderer/lib/query';
import { GRADE_COLORS, pts } from './model';

/** 等次档案: one worker's grades over the periods, and the workers 不合格 twice in a row. */
export function HistoryPanel() {
  const [worker, setWorker] = useState<{ id: number; name: string } | null>(null);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Stack gap="xs">
        <WorkerSearch value={worker} onChange={setWorker} />
        {worker ? (
          <History workerId={worker.id} name={worker.name} />
        ) : (
          <Text size="sm" c="dimmed">
            输入姓名查找网格员，查看其历次考核等次。
          </Text>
        )}
      </Stack>
      <Flags onPick={(f) => setWorker({ id: f.workerId, name: f.workerName })} />
    </SimpleGrid>
  );
}

function WorkerSearch({
  value,
  onChange,
}: {
  value: { id: number; name: string } | null;
  onChange(w: { id: number; name: string } | null): void;
}) {
  const [search, setSearch] = useState('');
  const [settled] = useDebouncedValue(search, 250);
  const rows = useApiQuery('workers/list', { search: settled, limit: 50 }).data?.rows;
  const data = useMemo(() => {
    const options = (rows ?? []).map((w) => ({
      value: String(w.id),
      label: w.grids.length ? `${w.name}（${w.grids.map((g) => g.gridLabel).join('、')}）` : w.name,
    }));
    if (value && !options.some((o) => o.value === String(value.id)))
      options.unshift({ value: String(value.id), label: value.name });
    return options;
  }, [rows, value]);
  return (
    <Select
      label="网格员"
      placeholder="输入姓名查找"
      searchable
      clearable
      w={420}
      data={data}
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage="没有符合的网格员"
      value={value ? String(value.id) : null}
      onChange={(v, option) => onChange(v ? { id: Number(v), name: (option?.label ?? '').replace(/（.*$/, '') } : null)}
    />
  );
}

function History({ workerId, name }: { workerId: number; name: string }) {
  const history = useApiQuery('evaluations/history', { workerId });
  return (
    <Stack gap={4}>
      <Title order={4}>{name}的考核等次</Title>
      <DataTable<GradeHistoryEntry>
        withTableBorder
        striped
        minHeight={120}
        height="calc(100dvh - 330px)"
        fetching={history.isLoading}
        records={history.data ?? []}
        idAccessor="sheetId"
        noRecordsText="还没有审定的考核结果"
        data-testid="grade-history"
        columns={[
          { accessor: 'periodLabel', title: '考核期间', width: 130 },
          { accessor: 'schemeName', title: '方案' },
          { accessor: 'villageName', title: '村（社区）', width: 100 },
          { accessor: 'totalX10', title: '得分', width: 70, textAlign: 'right', render: (h) => pts(h.totalX10) },
          {
            accessor: 'grade',
            title: '等次',
            width: 92,
            render: (h) => (
              <Badge color={GRADE_COLORS[h.grade]} variant="light" tt="none">
                {h.grade}
              </Badge>
            ),
          },
        ]}
      />
    </Stack>
  );
}

function Flags({ onPick }: { onPick(f: FlaggedWorker): void }) {
  const flags = useApiQuery('evaluations/flags', {});
  const list = flags.data ?? [];
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Title order={4}>连续两次不合格</Title>
        <Badge color="red" variant={list.length ? 'filled' : 'light'}>
          {list.length} 人
        </Badge>
      </Group>
      <Paper withBorder p="xs" mah="calc(100dvh - 260px)" style={{ overflowY: 'auto' }} data-testid="flagged-workers">
        {list.length === 0 ? (
          <Text size="sm" c="dimmed">
            没有连续两次考核不合格的网格员。
          </Text>
        ) : (
          <Stack gap={6}>
            {list.map((f) => (
              <Group key={f.workerId} gap="xs" wrap="nowrap" style={{ cursor: 'pointer' }} onClick={() => onPick(f)}>
                <Badge color="red" leftSection={<IconFlag size={12} />} tt="none" style={{ flexShrink: 0 }}>
                  两次连续不合格
                </Badge>
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {f.workerName}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1} style={{ minWidth: 0 }} title={f.periods.join('、')}>
                  {f.villageName} · {f.periods.join('、')}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
