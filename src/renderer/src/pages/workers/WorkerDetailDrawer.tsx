import { useState } from 'react';
import { Alert, Avatar, Badge, Button, Drawer, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconTrash } from '@tabler/icons-react';
import { maskId } from '@shared/idcard';
import type { AssignmentView, WorkerDetail } from '@shared/people';
import { LEVEL_ORDINALS, type GridLevel } from '@shared/grids';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { chooseOpen } from '@renderer/lib/files';
import { useApiMutation, useApiQuery } from '@renderer/lib/query';
import { AssignModal, EndModal } from './AssignmentModals';
import { DeleteWorkerModal } from './DeleteWorkerModal';
import { LeaveModal } from './LeaveModal';
import { StateBadge } from './StateBadge';
import { WorkerFormDrawer } from './WorkerForm';
import { RecordTimeline } from '@renderer/pages/records/RecordTimeline';

interface Props {
  workerId: number | null;
  onClose(): void;
}

/** A worker's details and assignment history, with assign / end / leave / delete / edit. */
export function WorkerDetailDrawer({ workerId, onClose }: Props) {
  // Silent: a worker deleted (here or elsewhere) is said in the drawer, not as a notification.
  const query = useApiQuery('workers/get', { id: workerId ?? 0 }, { enabled: workerId !== null, silent: true });
  const shown = query.data && query.data.id === workerId ? query.data : null;
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => {
    setDialog(null);
    onClose();
  };
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened={workerId !== null}
      onClose={close}
      // While a dialog or the edit form is open, Esc is theirs: closing this would lose them.
      closeOnEscape={dialog === null}
      position="right"
      size="xl"
      title={<Text fw={600}>网格员详情</Text>}
    >
      {shown && <WorkerDetail worker={shown} dialog={dialog} setDialog={setDialog} onDeleted={close} />}
      {!shown && query.error && (
        <Alert color="red" variant="light">
          {query.error.apiError.message}
        </Alert>
      )}
    </Drawer>
  );
}

type Dialog = 'edit' | 'assign' | 'leave' | 'delete' | { end: AssignmentView } | null;

interface DetailProps {
  worker: WorkerDetail;
  dialog: Dialog;
  setDialog(d: Dialog): void;
  onDeleted(): void;
}

function WorkerDetail({ worker, dialog, setDialog, onDeleted }: DetailProps) {
  const close = () => setDialog(null);
  const current = worker.assignments.filter((a) => a.endDate === null);
  return (
    <Stack data-testid="worker-detail">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="xs">
          <WorkerPhoto worker={worker} />
          <Title order={3}>{worker.name}</Title>
          <StateBadge state={worker.state} />
          {worker.tags.map((t) => (
            <Badge key={t} variant="outline">
              {t}
            </Badge>
          ))}
        </Group>
        <WorkerActions worker={worker} onPick={setDialog} />
      </Group>
      {worker.state === '待安排' && (
        <Text size="sm" c="dimmed">
          该网格员在岗，但目前没有现任网格：可“新增任职”，或“办理离任”。
        </Text>
      )}
      <WorkerFacts worker={worker} />
      <Title order={5}>任职情况</Title>
      <Assignments assignments={worker.assignments} onEnd={(a) => setDialog({ end: a })} />
      <RecordTimeline workerId={worker.id} />
      <WorkerFormDrawer target={dialog === 'edit' ? worker : null} onClose={close} />
      {dialog === 'assign' && <AssignModal worker={worker} onClose={close} />}
      {dialog !== null && typeof dialog === 'object' && (
        <EndModal assignment={dialog.end} isLast={current.length === 1} onClose={close} />
      )}
      {dialog === 'leave' && (
        <LeaveModal workers={[{ id: worker.id, name: worker.name, grids: current.map(heldAs) }]} onClose={close} />
      )}
      {dialog === 'delete' && <DeleteWorkerModal workerId={worker.id} onClose={close} onDeleted={onDeleted} />}
    </Stack>
  );
}

function heldAs(a: AssignmentView): string {
  return `${a.gridLabel}（${a.role}）`;
}

/** What can be done to the worker: verbs, apart from the state badge. */
function WorkerActions({ worker, onPick }: { worker: WorkerDetail; onPick(d: Dialog): void }) {
  const update = useApiMutation('workers/update');
  const restore = async () => {
    const { id, name, gender, idNumber, phone, politicalStatus, education, tags, notes } = worker;
    const r = await update.mutateAsync({
      ...{ id, name, gender, idNumber, phone, politicalStatus, education, tags, notes },
      status: '在岗',
    });
    if (!r.ok) return notifyError(r.error);
    notifySuccess(`“${worker.name}”已恢复在岗（待安排）`);
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <Button variant="default" onClick={() => onPick('edit')}>
        编辑
      </Button>
      <Button onClick={() => onPick('assign')}>新增任职</Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" rightSection={<IconChevronDown size={14} />}>
            更多
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {worker.state === '离任' ? (
            <Menu.Item onClick={() => void restore()}>恢复在岗</Menu.Item>
          ) : (
            <Menu.Item color="orange" onClick={() => onPick('leave')}>
              办理离任…
            </Menu.Item>
          )}
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => onPick('delete')}>
            删除网格员…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
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
          <Table.Th w={70}>角色</Table.Th>
          <Table.Th>职务</Table.Th>
          <Table.Th w={100}>任职日期</Table.Th>
          <Table.Th w={100}>结束日期</Table.Th>
          <Table.Th w={70}>状态</Table.Th>
          <Table.Th w={100} />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {assignments.map((a) => (
          <Table.Tr key={a.id} c={a.endDate ? 'dimmed' : undefined}>
            <Table.Td>
              <Text size="sm" inherit>
                {a.gridLabel}
              </Text>
              <Text size="xs" c="dimmed">
                {LEVEL_ORDINALS[a.level as GridLevel]} {a.gridCode}
              </Text>
            </Table.Td>
            <Table.Td>{a.role}</Table.Td>
            <Table.Td>{a.title || '—'}</Table.Td>
            <Table.Td>{a.startDate ?? '—'}</Table.Td>
            <Table.Td>{a.endDate ?? '—'}</Table.Td>
            <Table.Td>
              <Badge size="sm" variant="light" color={a.endDate ? 'gray' : 'teal'}>
                {a.endDate ? '已结束' : '现任'}
              </Badge>
            </Table.Td>
            <Table.Td>
              {!a.endDate && (
                <Button size="compact-xs" variant="default" onClick={() => onEnd(a)}>
                  结束任职
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
