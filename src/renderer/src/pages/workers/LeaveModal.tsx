import { useState } from 'react';
import { Button, Group, List, Modal, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { todayIso } from '@shared/dates';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiMutation } from '@renderer/lib/query';

/** A worker as the 离任 confirmation names them, with the grids they hold now. */
export interface Leaver {
  id: number;
  name: string;
  /** 许坪村 / 一组（网格长） */
  grids: string[];
}

/**
 * Puts one or several workers out of post (离任) in one write: the confirmation names each of
 * them and every grid whose assignment ends on the date.
 */
export function LeaveModal({ workers, onClose, onDone }: { workers: Leaver[]; onClose(): void; onDone?(): void }) {
  const [endDate, setEndDate] = useState(todayIso());
  const [error, setError] = useState<string | undefined>();
  const leave = useApiMutation('workers/leave');
  const grids = workers.reduce((n, w) => n + w.grids.length, 0);
  const submit = async () => {
    const r = await leave.mutateAsync({ ids: workers.map((w) => w.id), endDate: endDate || null });
    if (!r.ok) {
      if (r.error.fields?.endDate) setError(r.error.fields.endDate);
      else notifyError(r.error, '未办理离任');
      return;
    }
    notifySuccess(`${r.value.workers} 名网格员已离任，结束 ${r.value.ended} 项任职`);
    onDone?.();
    onClose();
  };
  const title = workers.length === 1 ? `办理离任：${workers[0]!.name}` : `办理离任（${workers.length} 人）`;
  return (
    <Modal
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened
      onClose={onClose}
      title={<Text fw={600}>{title}</Text>}
      size="lg"
    >
      <Stack>
        <ScrollArea.Autosize mah={240} type="auto">
          <List size="sm" data-testid="leavers">
            {workers.map((w) => (
              <List.Item key={w.id}>
                {w.name}：{w.grids.length > 0 ? `结束 ${w.grids.join('、')}` : '目前没有现任网格'}
              </List.Item>
            ))}
          </List>
        </ScrollArea.Autosize>
        <TextInput
          label="离任日期"
          type="date"
          value={endDate}
          onChange={(e) => setEndDate(e.currentTarget.value)}
          error={error}
        />
        <Text size="sm">
          {grids > 0 ? `以上 ${grids} 项任职将于离任日期结束（任职历史保留），` : ''}
          {workers.length} 名网格员的状态改为离任。
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            取消
          </Button>
          <Button color="orange" onClick={() => void submit()} loading={leave.isPending}>
            确认离任
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
