import { useState } from 'react';
import { Avatar, Badge, Button, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import { maskId } from '@shared/idcard';
import type { AssignmentView, WorkerDetail } from '@shared/people';
import { LEVEL_ORDINALS, type GridLevel } from '@shared/grids';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { chooseOpen } from '@renderer/lib/files';
import { useApiQuery } from '@renderer/lib/query';
import { AssignModal, EndModal } from './AssignmentModals';
import { WorkerFormDrawer } from './WorkerForm';

interface Props {
  workerId: number | null;
  onClose(): void;
}

/** A worker's details and assignment history, with assign / end / edit. */
export function WorkerDetailDrawer({ workerId, onClose }: Props) {
  const worker = useApiQuery('workers/get', { id: workerId ?? 0 }, { enabled: workerId !== null }).data;
  const shown = worker && worker.id === workerId ? worker : null;
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened={workerId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={<Text fw={600}>网格员详情</Text>}
    >
      {shown && <WorkerDetail worker={shown} />}
    </Drawer>
  );
}

function WorkerDetail({ worker }: { worker: WorkerDetail }) {
  const [editing, setEditing] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<AssignmentView | null>(null);
  return (
    <Stack data-testid="worker-detail">
      <Group justify="space-between">
        <Group gap="xs">
          <WorkerPhoto worker={worker} />
          <Title order={3}>{worker.name}</Title>
          <Badge variant="light" color={worker.status === '在岗' ? 'teal' : 'gray'}>
            {worker.status}
          </Badge>
          {worker.tags.map((t) => (
            <Badge key={t} variant="outline">
              {t}
            </Badge>
          ))}
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={() => setEditing(true)}>
            编辑
          </Button>
          <Button onClick={() => setAssigning(true)}>新增任职</Button>
        </Group>
      </Group>
      <WorkerFacts worker={worker} />
      <Title order={5}>任职情况</Title>
      <Assignments assignments={worker.assignments} onEnd={setEnding} />
      <WorkerFormDrawer target={editing ? worker : null} onClose={() => setEditing(false)} />
      {assigning && <AssignModal worker={worker} onClose={() => setAssigning(false)} />}
      {ending && <EndModal assignment={ending} onClose={() => setEnding(null)} />}
    </Stack>
  );
}

function WorkerPhoto({ worker }: { worker: WorkerDetail }) {
  // A worker without a photo is normal: no notification when there is none to load.
  const photo = useApiQuery('workers/photo', { id: worker.id }, { silent: true }).data?.photo ?? null;
  const upload = async () => {
    const file = await chooseOpen('image');
    if (!file) return;
    const r = await call('workers/setPhoto', { id: worker.id, file });
    if (!r.ok) return notifyError(r.error);
    notifySuccess('照片已保存');
  };
  const remove = async () => {
    const r = await call('workers/clearPhoto', { id: worker.id });
    if (!r.ok) notifyError(r.error);
  };
  return (
    <Stack gap={4} align="center">
      <Avatar src={photo} alt={`${worker.name}的照片`} size={84} radius="sm" color="indigo">
        {worker.name.slice(-2)}
      </Avatar>
      <Group gap={4}>
        <Button size="compact-xs" variant="subtle" onClick={() => void upload()}>
          {photo ? '更换照片' : '上传照片'}
        </Button>
        {photo && (
          <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void remove()}>
            移除
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function WorkerFacts({ worker }: { worker: WorkerDetail }) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder>
      <Table.Tbody>
        <Table.Tr>
          <Table.Th w={120}>性别</Table.Th>
          <Table.Td>{worker.gender}</Table.Td>
          <Table.Th w={120}>出生日期</Table.Th>
          <Table.Td>{worker.birthDate}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>身份证号</Table.Th>
          <Table.Td ff="monospace">{maskId(worker.idNumber)}</Table.Td>
          <Table.Th>联系电话</Table.Th>
          <Table.Td>{worker.phone}</Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th>政治面貌</Table.Th>
          <Table.Td>{worker.politicalStatus}</Table.Td>
          <Table.Th>学历</Table.Th>
          <Table.Td>{worker.education || '—'}</Table.Td>
        </Table.Tr>
        {worker.notes && (
          <Table.Tr>
            <Table.Th>备注</Table.Th>
            <Table.Td colSpan={3}>{worker.notes}</Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

function Assignments({ assignments, onEnd }: { assignments: AssignmentView[]; onEnd(a: AssignmentView): void }) {
  if (assignments.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        尚未担任任何网格的网格员。
      </Text>
    );
  }
  return (
    <Table striped data-testid="assignment-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>网格</Table.Th>
          <Table.Th>层级</Table.Th>
          <Table.Th>角色</Table.Th>
          <Table.Th>职务</Table.Th>
          <Table.Th>任职日期</Table.Th>
          <Table.Th>离任日期</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {assignments.map((a) => (
          <Table.Tr key={a.id} c={a.endDate ? 'dimmed' : undefined}>
            <Table.Td>
              {a.gridName}（{a.gridCode}）
            </Table.Td>
            <Table.Td>{LEVEL_ORDINALS[a.level as GridLevel]}</Table.Td>
            <Table.Td>{a.role}</Table.Td>
            <Table.Td>{a.title || '—'}</Table.Td>
            <Table.Td>{a.startDate ?? '—'}</Table.Td>
            <Table.Td>{a.endDate ?? '现任'}</Table.Td>
            <Table.Td>
              {!a.endDate && (
                <Button size="compact-xs" variant="light" color="orange" onClick={() => onEnd(a)}>
                  离任
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
