import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Role, WorkerSummary } from '@shared/people';
import { useApiQuery } from '@renderer/lib/query';
import { AssignModal } from '@renderer/pages/workers/AssignmentModals';

/** The grid a vacancy or a grid page appoints to. */
export interface AppointTarget {
  id: number;
  label: string;
  level: number;
}

/** A villager group's holder leads it (网格长); every other grid has a 网格员. */
function roleFor(level: number): Role {
  return level === 3 ? '网格长' : '网格员';
}

function optionLabel(w: WorkerSummary): string {
  const where = w.grids.length > 0 ? w.grids.map((g) => g.gridLabel).join('、') : '暂无网格';
  return `${w.name}（${w.phone}）· ${where}`;
}

/**
 * 任命网格员 from the grid itself: the clerk picks the person here, then confirms the
 * appointment in the same modal the worker drawer uses, with this grid and its role filled in.
 */
export function AppointModal({ grid, onClose }: { grid: AppointTarget; onClose(): void }) {
  const [workerId, setWorkerId] = useState<number | null>(null);
  const [next, setNext] = useState(false);
  const worker = useApiQuery('workers/get', { id: workerId ?? 0 }, { enabled: next && workerId !== null }).data;
  if (next && worker && worker.id === workerId) {
    return <AssignModal worker={worker} initial={{ gridId: grid.id, role: roleFor(grid.level) }} onClose={onClose} />;
  }
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      size="lg"
      title={<Text fw={600}>为“{grid.label}”任命网格员</Text>}
    >
      <Stack>
        <WorkerPicker value={workerId} onChange={setWorkerId} />
        <Text size="xs" c="dimmed">
          找不到此人时，先在“网格员”页面新增网格员，再回来任命。
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button disabled={workerId === null} loading={next} onClick={() => setNext(true)}>
            下一步
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Searches workers by name, phone or ID number on the server (a county has thousands). */
function WorkerPicker({ value, onChange }: { value: number | null; onChange(id: number | null): void }) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<WorkerSummary | null>(null);
  const [typed] = useDebouncedValue(search, 200);
  // Once picked, the box shows the option's label: that is no search, the picked name is.
  const query = picked && typed === optionLabel(picked) ? picked.name : typed;
  const rows = useApiQuery('workers/list', { search: query, limit: 30 }, { placeholderData: (prev) => prev }).data
    ?.rows;
  const list = rows ?? [];
  const all = picked && !list.some((w) => w.id === picked.id) ? [picked, ...list] : list;
  return (
    <Select
      label="网格员"
      placeholder="输入姓名、电话或身份证号查找"
      withAsterisk
      searchable
      data={all.map((w) => ({ value: String(w.id), label: optionLabel(w) }))}
      // The server has filtered already; the labels hold more than what was typed.
      filter={({ options }) => options}
      searchValue={search}
      onSearchChange={setSearch}
      value={value === null ? null : String(value)}
      onChange={(v) => {
        setPicked(all.find((w) => String(w.id) === v) ?? null);
        onChange(v ? Number(v) : null);
      }}
      nothingFoundMessage="没有找到该网格员"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
