import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import { LEVEL_ORDINALS, type DeletePreview, type GridNode } from '@shared/grids';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';

interface Props {
  grid: GridNode | null;
  onClose(): void;
  onDeleted(grid: GridNode): void;
}

/** Deletes a grid; when it has descendants the clerk sees them listed and must confirm the cascade. */
export function DeleteGridModal(props: Props) {
  return props.grid ? <DeleteGridConfirm key={props.grid.id} {...props} grid={props.grid} /> : null;
}

function DeleteGridConfirm({ grid, onClose, onDeleted }: Props & { grid: GridNode }) {
  const [preview, setPreview] = useState<DeletePreview | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    void call('grids/deletePreview', { id: grid.id }).then((r) => {
      if (!live) return;
      if (r.ok) setPreview(r.value);
      else notifyError(r.error);
    });
    return () => {
      live = false;
    };
  }, [grid]);
  const cascade = (preview?.total ?? 1) > 1;

  const submit = async () => {
    setSaving(true);
    const r = await call('grids/delete', { id: grid.id, cascade });
    setSaving(false);
    if (!r.ok) {
      notifyError(r.error);
      return;
    }
    notifySuccess(`已删除“${grid.name}”${r.value.deleted > 1 ? `及其下 ${r.value.deleted - 1} 个网格` : ''}`);
    onDeleted(grid);
    onClose();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>删除“{grid.name}”</Text>}
    >
      <Stack>
        {preview && cascade ? (
          <Alert color="red" variant="light" title="该网格下还有下级网格">
            <Text size="sm">删除后，以下网格将一并删除，且不能撤销：</Text>
            <List size="sm" mt={4}>
              {preview.descendants.map((n, i) =>
                n > 0 ? <List.Item key={i}>{`${n} 个${LEVEL_ORDINALS[(i + 1) as 1 | 2 | 3 | 4]}`}</List.Item> : null,
              )}
            </List>
          </Alert>
        ) : (
          <Text size="sm">
            确定删除 {grid.name}（编码 {grid.code}）吗？删除后不能撤销（可从备份恢复）。
          </Text>
        )}
        {cascade && (
          <Checkbox
            color="red"
            label={`我已确认连同以上 ${(preview?.total ?? 1) - 1} 个下级网格一并删除`}
            checked={confirmed}
            onChange={(e) => setConfirmed(e.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button
            color="red"
            onClick={() => void submit()}
            loading={saving}
            disabled={!preview || (cascade && !confirmed)}
          >
            删除
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
