import { useState } from 'react';
import { Autocomplete, Button, Group, Input, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { TITLES, type AssignmentView, type Role, type WorkerDetail } from '@shared/people';
import { todayIso } from '@shared/dates';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';

const ALL_LEVELS = [1, 2, 3, 4] as const;

/**
 * Appoints the worker to a grid (ending the current holder of that role there). `initial` fills
 * the grid and role in when the clerk starts from the grid (a vacancy's 任命网格员).
 */
export function AssignModal({
  worker,
  initial,
  onClose,
}: {
  worker: WorkerDetail;
  initial?: { gridId: number; role: Role };
  onClose(): void;
}) {
  const [gridId, setGridId] = useState<number | null>(initial?.gridId ?? null);
  const [role, setRole] = useState<Role>(initial?.role ?? '网格员');
  const [title, setTitle] = useState('');
  const [startDate, setStartDate] = useState(todayIso());
  const [error, setError] = useState<Record<string, string>>({});
  const assign = useApiMutation('assignments/create');
  const submit = async () => {
    if (!gridId) return setError({ gridId: '请选择网格' });
    const r = await assign.mutateAsync({ workerId: worker.id, gridId, role, title, startDate: startDate || null });
    if (!r.ok) {
      if (r.error.fields) setError(r.error.fields);
      else notifyError(r.error);
      return;
    }
    notifySuccess(`“${worker.name}”已任职`);
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>为“{worker.name}”新增任职</Text>}
      size="lg"
    >
      <Stack>
        <GridSelect
          label="网格"
          withAsterisk
          levels={ALL_LEVELS}
          value={gridId}
          onChange={setGridId}
          error={error.gridId}
          comboboxProps={{ withinPortal: true }}
        />
        <Input.Wrapper label="角色">
          <div>
            <SegmentedControl data={['网格员', '网格长']} value={role} onChange={(v) => setRole(v as Role)} />
          </div>
        </Input.Wrapper>
        <Autocomplete label="职务" data={[...TITLES]} value={title} onChange={setTitle} error={error.title} />
        <TextInput
          label="任职日期"
          type="date"
          value={startDate}
          onChange={(e) => setStartDate(e.currentTarget.value)}
          error={error.startDate}
        />
        <Text size="xs" c="dimmed">
          若该网格已有同一角色的现任网格员，其任职将在此日期结束（历史保留）。
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={() => void submit()} loading={assign.isPending}>
            确认任职
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Ends an assignment on a date (the history keeps it). */
export function EndModal({ assignment, onClose }: { assignment: AssignmentView; onClose(): void }) {
  const [endDate, setEndDate] = useState(todayIso());
  const [error, setError] = useState<string | undefined>();
  const end = useApiMutation('assignments/end');
  const submit = async () => {
    const r = await end.mutateAsync({ id: assignment.id, endDate: endDate || null });
    if (!r.ok) {
      if (r.error.fields?.endDate) setError(r.error.fields.endDate);
      else notifyError(r.error);
      return;
    }
    notifySuccess(`已结束在“${assignment.gridName}”的任职`);
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>离任：{assignment.gridName}</Text>}
    >
      <Stack>
        <TextInput
          label="离任日期"
          type="date"
          value={endDate}
          onChange={(e) => setEndDate(e.currentTarget.value)}
          error={error}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button color="orange" onClick={() => void submit()} loading={end.isPending}>
            确认离任
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
