import { useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { DeleteEffect } from '@shared/deletion';
import { LEVEL_ORDINALS, type DeletePreview, type GridNode } from '@shared/grids';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiQuery } from '@renderer/lib/query';

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
  const preview = useApiQuery('grids/deletePreview', { id: grid.id }, { keepOnWrite: true }).data ?? null;
  const [confirmed, setConfirmed] = useState(false);
  const [saving, setSaving] = useState(false);

  const descendants = (preview?.total ?? 1) - 1;
  const cascade = descendants > 0 || (preview?.cascade.length ?? 0) > 0;
  const blocked = (preview?.blockers.length ?? 0) > 0;

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
        {preview && blocked ? (
          <BlockersAlert preview={preview} />
        ) : preview && cascade ? (
          <CascadeAlert preview={preview} />
        ) : (
          <Text size="sm">
            确定删除 {grid.name}（编码 {grid.code}）吗？删除后不能撤销（可从备份恢复）。
          </Text>
        )}
        {preview && !blocked && preview.detached.length > 0 && (
          <Text size="sm" c="dimmed" data-testid="delete-detached">
            以下记录将保留，但不再关联到网格：{preview.detached.map((e) => e.text).join('、')}
          </Text>
        )}
        {cascade && !blocked && (
          <Checkbox
            color="red"
            label={confirmLabel(descendants, preview?.cascade.length ?? 0)}
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
            disabled={!preview || blocked || (cascade && !confirmed)}
          >
            删除
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function confirmLabel(descendants: number, otherTables: number): string {
  if (descendants === 0) return '我已确认连同以上数据一并删除';
  return `我已确认连同以上 ${descendants} 个下级网格${otherTables > 0 ? '及所列数据' : ''}一并删除`;
}

/** Records that refer to the grid or its subtree and must be kept: deletion is not offered. */
function BlockersAlert({ preview }: { preview: DeletePreview }) {
  return (
    <Alert color="red" variant="light" title="不能删除该网格" data-testid="delete-blockers">
      <Text size="sm">
        以下记录关联到{preview.total > 1 ? '该网格或其下级网格' : '该网格'}，必须保留。请先处理这些记录：
      </Text>
      <EffectList effects={preview.blockers} />
    </Alert>
  );
}

/** What goes with the grid: its descendants per level, then other data per table. */
function CascadeAlert({ preview }: { preview: DeletePreview }) {
  return (
    <Alert
      color="red"
      variant="light"
      title={preview.total > 1 ? '该网格下还有下级网格' : '该网格下还有数据'}
      data-testid="delete-cascade"
    >
      <Text size="sm">删除后，以下{preview.total > 1 ? '网格和数据' : '数据'}将一并删除，且不能撤销：</Text>
      <List size="sm" mt={4}>
        {preview.descendants.map((n, i) =>
          n > 0 ? <List.Item key={i}>{`${n} 个${LEVEL_ORDINALS[(i + 1) as 1 | 2 | 3 | 4]}`}</List.Item> : null,
        )}
        {preview.cascade.map((e) => (
          <List.Item key={e.table}>{e.text}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

function EffectList({ effects }: { effects: DeleteEffect[] }) {
  return (
    <List size="sm" mt={4}>
      {effects.map((e) => (
        <List.Item key={e.table}>{e.text}</List.Item>
      ))}
    </List>
  );
}
