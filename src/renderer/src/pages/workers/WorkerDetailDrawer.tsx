import { useEffect, useState } from 'react';
import {
  Autocomplete,
  Avatar,
  Badge,
  Button,
  Drawer,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Input,
} from '@mantine/core';
import { maskId } from '@shared/idcard';
import { TITLES, type AssignmentView, type Role, type WorkerDetail } from '@shared/people';
import { LEVEL_ORDINALS, type GridLevel } from '@shared/grids';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { GridSelect } from '@renderer/components/GridSelect';
import { todayIso } from '@shared/dates';
import { WorkerFormDrawer } from './WorkerForm';

const ALL_LEVELS = [1, 2, 3, 4] as const;

interface Props {
  workerId: number | null;
  onClose(): void;
  onChanged(): void;
}

/** A worker's details and assignment history, with assign / end / edit. */
export function WorkerDetailDrawer({ workerId, onClose, onChanged }: Props) {
  const [worker, setWorker] = useState<WorkerDetail | null>(null);
  const [editing, setEditing] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<AssignmentView | null>(null);
  const [photo, setPhoto] = useState<{ id: number; src: string | null } | null>(null);

  useEffect(() => {
    if (workerId === null) return;
    let live = true;
    void call('workers/get', { id: workerId }).then((r) => {
      if (!live) return;
      if (r.ok) setWorker(r.value);
      else notifyError(r.error);
    });
    void call('workers/photo', { id: workerId }).then((r) => {
      if (live && r.ok) setPhoto({ id: workerId, src: r.value.photo });
    });
    return () => {
      live = false;
    };
  }, [workerId]);

  const updated = (w: WorkerDetail) => {
    setWorker(w);
    onChanged();
  };

  const shown = worker && worker.id === workerId ? worker : null;
  const photoSrc = photo && photo.id === workerId ? photo.src : null;
  const uploadPhoto = async (id: number) => {
    const r = await call('workers/setPhoto', { id });
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') notifyError(r.error);
      return;
    }
    setPhoto({ id, src: r.value.photo });
    notifySuccess('照片已保存');
  };
  const removePhoto = async (id: number) => {
    const r = await call('workers/clearPhoto', { id });
    if (!r.ok) return notifyError(r.error);
    setPhoto({ id, src: null });
  };
  return (
    <Drawer
      closeButtonProps={{ 'aria-label': '关闭' }}
      opened={workerId !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={<Text fw={600}>网格员详情</Text>}
    >
      {shown && (
        <Stack data-testid="worker-detail">
          <Group justify="space-between">
            <Group gap="xs">
              <Stack gap={4} align="center">
                <Avatar src={photoSrc} alt={`${shown.name}的照片`} size={84} radius="sm" color="indigo">
                  {shown.name.slice(-2)}
                </Avatar>
                <Group gap={4}>
                  <Button size="compact-xs" variant="subtle" onClick={() => void uploadPhoto(shown.id)}>
                    {photoSrc ? '更换照片' : '上传照片'}
                  </Button>
                  {photoSrc && (
                    <Button size="compact-xs" variant="subtle" color="gray" onClick={() => void removePhoto(shown.id)}>
                      移除
                    </Button>
                  )}
                </Group>
              </Stack>
              <Title order={3}>{shown.name}</Title>
              <Badge variant="light" color={shown.status === '在岗' ? 'teal' : 'gray'}>
                {shown.status}
              </Badge>
              {shown.tags.map((t) => (
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
          <Table variant="vertical" layout="fixed" withTableBorder>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={120}>性别</Table.Th>
                <Table.Td>{shown.gender}</Table.Td>
                <Table.Th w={120}>出生日期</Table.Th>
                <Table.Td>{shown.birthDate}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>身份证号</Table.Th>
                <Table.Td ff="monospace">{maskId(shown.idNumber)}</Table.Td>
                <Table.Th>联系电话</Table.Th>
                <Table.Td>{shown.phone}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>政治面貌</Table.Th>
                <Table.Td>{shown.politicalStatus}</Table.Td>
                <Table.Th>学历</Table.Th>
                <Table.Td>{shown.education || '—'}</Table.Td>
              </Table.Tr>
              {shown.notes && (
                <Table.Tr>
                  <Table.Th>备注</Table.Th>
                  <Table.Td colSpan={3}>{shown.notes}</Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          <Title order={5}>任职情况</Title>
          {shown.assignments.length === 0 ? (
            <Text c="dimmed" size="sm">
              尚未担任任何网格的网格员。
            </Text>
          ) : (
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
                {shown.assignments.map((a) => (
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
                        <Button size="compact-xs" variant="light" color="orange" onClick={() => setEnding(a)}>
                          离任
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <WorkerFormDrawer target={editing ? shown : null} onClose={() => setEditing(false)} onSaved={updated} />
          {assigning && <AssignModal worker={shown} onClose={() => setAssigning(false)} onSaved={updated} />}
          {ending && <EndModal assignment={ending} onClose={() => setEnding(null)} onSaved={updated} />}
        </Stack>
      )}
    </Drawer>
  );
}

function AssignModal({
  worker,
  onClose,
  onSaved,
}: {
  worker: WorkerDetail;
  onClose(): void;
  onSaved(w: WorkerDetail): void;
}) {
  const [gridId, setGridId] = useState<number | null>(null);
  const [role, setRole] = useState<Role>('网格员');
  const [title, setTitle] = useState('');
  const [startDate, setStartDate] = useState(todayIso());
  const [error, setError] = useState<Record<string, string>>({});
  const submit = async () => {
    if (!gridId) return setError({ gridId: '请选择网格' });
    const r = await call('assignments/create', {
      workerId: worker.id,
      gridId,
      role,
      title,
      startDate: startDate || null,
    });
    if (!r.ok) {
      if (r.error.fields) setError(r.error.fields);
      else notifyError(r.error);
      return;
    }
    notifySuccess(`“${worker.name}”已任职`);
    onSaved(r.value);
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
          <Button onClick={() => void submit()}>确认任职</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function EndModal({
  assignment,
  onClose,
  onSaved,
}: {
  assignment: AssignmentView;
  onClose(): void;
  onSaved(w: WorkerDetail): void;
}) {
  const [endDate, setEndDate] = useState(todayIso());
  const [error, setError] = useState<string | undefined>();
  const submit = async () => {
    const r = await call('assignments/end', { id: assignment.id, endDate: endDate || null });
    if (!r.ok) {
      if (r.error.fields?.endDate) setError(r.error.fields.endDate);
      else notifyError(r.error);
      return;
    }
    notifySuccess(`已结束在“${assignment.gridName}”的任职`);
    onSaved(r.value);
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
          <Button color="orange" onClick={() => void submit()}>
            确认离任
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
