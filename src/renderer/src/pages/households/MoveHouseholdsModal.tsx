import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { HouseholdView } from '@shared/people';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';
import { GridSelect } from '@renderer/components/GridSelect';

const HOUSEHOLD_LEVEL = [4] as const;

/** Moves the ticked households to another household grid. */
export function MoveHouseholdsModal({
  households,
  onClose,
  onMoved,
}: {
  households: HouseholdView[];
  onClose(): void;
  onMoved(): void;
}) {
  const [gridId, setGridId] = useState<number | null>(null);
  const [error, setError] = useState<string | undefined>();
  const move = useApiMutation('households/move');
  const submit = async () => {
    if (!gridId) return setError('请选择新的户级网格');
    const r = await move.mutateAsync({ ids: households.map((h) => h.id), gridId });
    if (!r.ok) {
      if (r.error.fields?.gridId) setError(r.error.fields.gridId);
      else notifyError(r.error);
      return;
    }
    notifySuccess(`已移动 ${r.value.moved} 户`);
    onMoved();
    onClose();
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>移动 {households.length} 户住户</Text>}
      size="lg"
    >
      <Stack>
        <Text size="sm">{households.map((h) => h.headName).join('、')}</Text>
        <GridSelect
          label="新的户级网格"
          withAsterisk
          levels={HOUSEHOLD_LEVEL}
          value={gridId}
          onChange={setGridId}
          error={error}
          comboboxProps={{ withinPortal: true }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button onClick={() => void submit()} loading={move.isPending}>
            确认移动
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
