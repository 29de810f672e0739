import { useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { WorkerDeletePreview } from '@shared/people';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';

/** What goes with the worker, and the grids that fall vacant. */
function Consequences({ preview }: { preview: WorkerDeletePreview }) {
  return (
    <Alert color="red" variant="light" title="以下数据将一并删除，且不能撤销" data-testid="delete-cascade">
      <List size="sm">
        {preview.cascade.map((e) => (
          <List.Item key={e.table}>{e.table === 'assignments' ? `${e.text}（现任和历史）` : e.text}</List.Item>
        ))}
        {preview.photo && <List.Item>照片</List.Item>}
      </List>
      {preview.current.length > 0 && (
        <Text size="sm" mt="xs">
          以下网格将空缺（待配备）：{preview.current.join('、')}
        </Text>
      )}
    </Alert>
  );
}

/**
 * Deletes a worker after naming what goes with them (their assignments and history, photo,
 * other records); records that must be kept refuse it. Anything taken along needs the checkbox.
 */
export function DeleteWorkerModal({
  workerId,
  onClose,
  onDeleted,
}: {
  workerId: number;
  onClose(): void;
  onDeleted(): void;
}) {
  const preview = useApiQuery('workers/deletePreview', { id: workerId }, { keepOnWrite: true }).data ?? null;
  const [confirmed, setConfirmed] = useState(false);
  const remove = useApiMutation('workers/delete');
  const blocked = (preview?.blockers.length ?? 0) > 0;
  const takes = preview !== null && (preview.cascade.length > 0 || preview.photo);

  const submit = async () => {
    const r = await remove.mutateAsync({ id: workerId, confirm: confirmed });
    if (!r.ok) return notifyError(r.error, '网格员未删除');
    notifySuccess(`已删除网格员“${preview?.worker.name ?? ''}”`);
    onDeleted();
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>删除网格员“{preview?.worker.name ?? ''}”</Text>}
    >
      {preview && (
        <Stack>
          {blocked ? (
            <Alert color="red" variant="light" title="不能删除该网格员" data-testid="delete-blockers">
              <Text size="sm">以下记录关联到该网格员，必须保留：</Text>
              <List size="sm">
                {preview.blockers.map((e) => (
                  <List.Item key={e.table}>{e.text}</List.Item>
                ))}
              </List>
            </Alert>
          ) : takes ? (
            <Consequences preview={preview} />
          ) : (
            <Text size="sm">确定删除网格员“{preview.worker.name}”吗？删除后不能撤销（可从备份恢复）。</Text>
          )}
          {takes && !blocked && (
            <Checkbox
              color="red"
              label="我已确认连同以上数据一并删除"
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
              loading={remove.isPending}
              disabled={blocked || (takes && !confirmed)}
            >
              删除
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
