import { useEffect, useState } from 'react';
import { Anchor, Badge, Breadcrumbs, Button, Card, Group, Image, Stack, Table, Text, Title } from '@mantine/core';
import { HOUSEHOLDS_PER_GRID, type AssignmentView } from '@shared/people';
import { call, callNotify, notifyError, notifySuccess } from '@renderer/lib/api';
import { IconArrowsMove, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { LEVEL_ORDINALS, type GridNode } from '@shared/grids';
import { useLevelName } from '@renderer/lib/settings-context';
import { ancestors, type TreeIndex } from './tree-model';

interface Props {
  grid: GridNode;
  index: TreeIndex;
  onSelect(id: number): void;
  onAddChild(): void;
  onEdit(): void;
  onMove(): void;
  onDelete(): void;
}

export function GridDetail({ grid, index, onSelect, onAddChild, onEdit, onMove, onDelete }: Props) {
  const levelName = useLevelName();
  const path = ancestors(index, grid.id);
  const children = index.children.get(grid.id) ?? [];
  const [assignments, setAssignments] = useState<AssignmentView[]>([]);
  useEffect(() => {
    let live = true;
    void callNotify('grids/assignments', { id: grid.id }).then((a) => {
      if (live && a) setAssignments(a);
    });
    return () => {
      live = false;
    };
  }, [grid]);
  const [qr, setQr] = useState<{ id: number; image: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    void call('grids/qr', { id: grid.id }).then((r) => {
      if (live && r.ok) setQr({ id: grid.id, image: r.value.image });
    });
    return () => {
      live = false;
    };
  }, [grid]);
  const qrImage = qr && qr.id === grid.id ? qr.image : null;
  const uploadQr = async () => {
    const r = await call('grids/setQr', { id: grid.id });
    if (!r.ok) {
      if (r.error.code !== 'CANCELLED') notifyError(r.error);
      return;
    }
    setQr({ id: grid.id, image: r.value.image });
    notifySuccess('微信群二维码已保存，将印在该网格住户的联系卡上');
  };
  const removeQr = async () => {
    const r = await call('grids/clearQr', { id: grid.id });
    if (r.ok) setQr({ id: grid.id, image: null });
    else notifyError(r.error);
  };
  const current = assignments.filter((a) => a.endDate === null);
  const past = assignments.filter((a) => a.endDate !== null);
  const sizeFlag =
    grid.level === 4 && grid.households > 0 && grid.households < HOUSEHOLDS_PER_GRID.min
      ? `户数偏少（少于 ${HOUSEHOLDS_PER_GRID.min} 户）`
      : grid.level === 4 && grid.households > HOUSEHOLDS_PER_GRID.max
        ? `户数偏多（多于 ${HOUSEHOLDS_PER_GRID.max} 户）`
        : null;
  return (
    <Stack gap="md" data-testid="grid-detail">
      <Breadcrumbs separator="›">
        {path.map((a) => (
          <Anchor key={a.id} size="sm" onClick={() => onSelect(a.id)}>
            {a.name}
          </Anchor>
        ))}
        <Text size="sm">{grid.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Group gap="sm">
          <Title order={3}>{grid.name}</Title>
          <Badge variant="light">{LEVEL_ORDINALS[grid.level]}</Badge>
          {grid.kind && <Badge variant="outline">{grid.kind}</Badge>}
          {grid.workers.length === 0 && (
            <Badge color="orange" variant="light" data-testid="vacant-badge">
              待配备
            </Badge>
          )}
          {sizeFlag && (
            <Badge color="orange" variant="outline" data-testid="size-flag">
              {sizeFlag}
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {grid.level < 4 && (
            <Button leftSection={<IconPlus size={16} />} onClick={onAddChild}>
              新增{levelName(grid.level + 1)}
            </Button>
          )}
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
            编辑
          </Button>
          {grid.level > 1 && (
            <Button variant="default" leftSection={<IconArrowsMove size={16} />} onClick={onMove}>
              移动
            </Button>
          )}
          <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={onDelete}>
            删除
          </Button>
        </Group>
      </Group>

      <Card withBorder padding="sm">
        <Table variant="vertical" layout="fixed" withRowBorders={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={160}>网格编码</Table.Th>
              <Table.Td ff="monospace" data-testid="detail-code">
                {grid.code}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>层级</Table.Th>
              <Table.Td>
                {LEVEL_ORDINALS[grid.level]}（{levelName(grid.level)}）
              </Table.Td>
            </Table.Tr>
            {grid.level <= 2 && (
              <Table.Tr>
                <Table.Th>统计用区划代码</Table.Th>
                <Table.Td ff="monospace">{grid.divisionCode ?? '—'}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>住户</Table.Th>
              <Table.Td data-testid="detail-households">
                {grid.households} 户
                {grid.level === 4 ? `（标准 ${HOUSEHOLDS_PER_GRID.min}–${HOUSEHOLDS_PER_GRID.max} 户）` : ''}
              </Table.Td>
            </Table.Tr>
            {grid.level < 4 && (
              <Table.Tr>
                <Table.Th>下辖网格</Table.Th>
                <Table.Td data-testid="detail-counts">
                  {grid.descendants
                    .map((n, i) => (i + 1 > grid.level ? `${levelName(i + 1)} ${n} 个` : ''))
                    .filter(Boolean)
                    .join('，')}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Card>

      <Card withBorder padding="sm" data-testid="grid-workers">
        <Text fw={600} mb="xs">
          网格员
        </Text>
        {current.length === 0 ? (
          <Text size="sm" c="orange">
            暂无现任网格员（待配备）。可在“网格员”页面为人员新增任职。
          </Text>
        ) : (
          <Table>
            <Table.Tbody>
              {current.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td fw={600}>{a.workerName}</Table.Td>
                  <Table.Td>{a.role}</Table.Td>
                  <Table.Td>{a.title || '—'}</Table.Td>
                  <Table.Td>自 {a.startDate ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {past.length > 0 && (
          <Text size="xs" c="dimmed" mt="xs">
            历任：{past.map((a) => `${a.workerName}（${a.startDate ?? '?'} 至 ${a.endDate}）`).join('；')}
          </Text>
        )}
      </Card>

      <Card withBorder padding="sm" data-testid="grid-qr">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Text fw={600}>网格微信群二维码</Text>
            <Text size="sm" c="dimmed">
              {grid.level >= 3
                ? '上传后印在本网格住户的联系卡上（户级网格没有时用村民小组的）。'
                : '上传后保存在本网格下。'}
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={() => void uploadQr()}>
                {qrImage ? '更换二维码' : '上传二维码'}
              </Button>
              {qrImage && (
                <Button size="xs" variant="subtle" color="gray" onClick={() => void removeQr()}>
                  移除
                </Button>
              )}
            </Group>
          </Stack>
          {qrImage && <Image src={qrImage} alt={`${grid.name}微信群二维码`} w={96} h={96} fit="contain" />}
        </Group>
      </Card>

      {grid.level < 4 && (
        <Card withBorder padding="sm">
          <Text fw={600} mb="xs">
            下级{levelName(grid.level + 1)}（{children.length}）
          </Text>
          {children.length === 0 ? (
            <Text size="sm" c="dimmed">
              还没有下级网格。点击“新增{levelName(grid.level + 1)}”添加。
            </Text>
          ) : (
            <Table highlightOnHover striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>名称</Table.Th>
                  <Table.Th>编码</Table.Th>
                  <Table.Th>下辖</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {children.map((c) => (
                  <Table.Tr key={c.id} onClick={() => onSelect(c.id)} style={{ cursor: 'pointer' }}>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td ff="monospace">{c.code}</Table.Td>
                    <Table.Td>{c.level < 4 ? `${c.childCount} 个${levelName(c.level + 1)}` : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      )}
    </Stack>
  );
}
