import { Anchor, Badge, Breadcrumbs, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
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
