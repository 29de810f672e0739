import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { LEVEL_ORDINALS, type GridNode } from '@shared/grids';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { ancestors, type TreeIndex } from './tree-model';

interface Props {
  grid: GridNode | null;
  index: TreeIndex;
  onClose(): void;
  onMoved(node: GridNode): void;
}

/** Moves a grid (and everything under it) under another parent of the level above. */
export function MoveGridModal(props: Props) {
  return props.grid ? <MoveGridForm key={props.grid.id} {...props} grid={props.grid} /> : null;
}

function MoveGridForm({ grid, index, onClose, onMoved }: Props & { grid: GridNode }) {
  const [parentId, setParentId] = useState<string | null>(null);
  const [keepCodes, setKeepCodes] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const move = useApiMutation('grids/move');

  const options = useMemo(() => {
    return [...index.byId.values()]
      .filter((n) => n.level === grid.level - 1 && n.id !== grid.parentId)
      .map((n) => ({
        value: String(n.id),
        label: `${[...ancestors(index, n.id).map((a) => a.name), n.name].join(' / ')}（${n.code}）`,
      }));
  }, [grid, index]);

  const newCode =
    useApiQuery('grids/suggestCode', { parentId: Number(parentId) }, { enabled: parentId !== null, silent: true }).data
      ?.code ?? null;

  const submit = async () => {
    if (!parentId) {
      setError(`请选择新的上级（${LEVEL_ORDINALS[(grid.level - 1) as 1 | 2 | 3]}）`);
      return;
    }
    const r = await move.mutateAsync({ id: grid.id, parentId: Number(parentId), keepCodes });
    if (!r.ok) {
      if (r.error.fields?.parentId) setError(r.error.fields.parentId);
      else notifyError(r.error);
      return;
    }
    notifySuccess(`已将“${grid.label}”移动，现为“${r.value.label}”，编码 ${r.value.code}`);
    onMoved(r.value);
    onClose();
  };

  const descendants = grid.descendants.reduce((a, b) => a + b, 0);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>移动“{grid.label}”</Text>}
      size="lg"
    >
      <Stack>
        <Select
          label={`新的上级（${LEVEL_ORDINALS[(grid.level - 1) as 1 | 2 | 3]}）`}
          placeholder="输入名称或编码查找"
          data={options}
          value={parentId}
          onChange={(v) => {
            setParentId(v);
            setError(null);
          }}
          searchable
          limit={100}
          nothingFoundMessage="没有符合的网格"
          error={error}
          comboboxProps={{ withinPortal: true }}
          data-testid="move-parent"
        />
        <Checkbox
          label="保留原编码（不按新上级重新编码）"
          checked={keepCodes}
          onChange={(e) => setKeepCodes(e.currentTarget.checked)}
        />
        {parentId && !keepCodes && (
          <Alert color="blue" variant="light">
            移动后编码将由 {grid.code} 改为 {newCode ?? '（无可用编码）'}
            {descendants > 0 ? `，其下 ${descendants} 个网格的编码随之改变` : ''}。
          </Alert>
        )}
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
