import { useState } from 'react';
import { Anchor, Button, Card, Group, Table, Text } from '@mantine/core';
import { IconDownload, IconUserPlus } from '@tabler/icons-react';
import { todayChinese } from '@shared/dates';
import { HOUSEHOLDS_PER_GRID } from '@shared/people';
import { LEVEL_ORDINALS, type GridNode } from '@shared/grids';
import { saveThenOpen } from '@renderer/lib/files';
import { useApiQuery } from '@renderer/lib/query';
import { useLevelName } from '@renderer/lib/settings-context';
import { AppointModal } from './AppointModal';
import type { TreeNode } from './tree-model';

/** Code, level, division code, households and what lies below. */
export function GridFacts({ grid }: { grid: GridNode }) {
  const levelName = useLevelName();
  return (
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
  );
}

/** A worker's name that opens their details. */
export function WorkerLink({ id, name, onOpen }: { id: number; name: string; onOpen(id: number): void }) {
  return (
    <Anchor component="button" type="button" fw={600} onClick={() => onOpen(id)} data-testid="worker-link">
      {name}
    </Anchor>
  );
}

function exportContacts(grid: GridNode) {
  return saveThenOpen(
    'export/contacts',
    { gridId: grid.id },
    {
      title: '导出网格员通讯录',
      defaultName: `${grid.name}网格员通讯录-${todayChinese()}.xlsx`,
      describe: (r) => `已导出 ${r.rows} 名网格员的通讯录`,
      errorTitle: '导出未完成',
    },
  );
}

/** The grid's current workers, and who held it before; a vacant grid is filled from here. */
export function GridWorkers({ grid, onOpenWorker }: { grid: GridNode; onOpenWorker(id: number): void }) {
  const assignments = useApiQuery('grids/assignments', { id: grid.id }).data ?? [];
  const [appointing, setAppointing] = useState(false);
  const current = assignments.filter((a) => a.endDate === null);
  const past = assignments.filter((a) => a.endDate !== null);
  return (
    <Card withBorder padding="sm" data-testid="grid-workers">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>网格员</Text>
        {grid.level <= 2 && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} />}
            onClick={() => void exportContacts(grid)}
          >
            导出通讯录
          </Button>
        )}
      </Group>
      {current.length === 0 ? (
        <Group justify="space-between">
          <Text size="sm" c="orange">
            暂无现任网格员（待配备）。
          </Text>
          <Button size="xs" leftSection={<IconUserPlus size={14} />} onClick={() => setAppointing(true)}>
            任命网格员
          </Button>
        </Group>
      ) : (
        <Table>
          <Table.Tbody>
            {current.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <WorkerLink id={a.workerId} name={a.workerName} onOpen={onOpenWorker} />
                </Table.Td>
                <Table.Td>{a.role}</Table.Td>
                <Table.Td>{a.title || '—'}</Table.Td>
                <Table.Td>自 {a.startDate ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {past.length > 0 && (
        <Text size="xs" c="dimmed" mt="xs" data-testid="past-holders">
          历任：
          {past.map((a, i) => (
            <Text span key={a.id}>
              {i > 0 && '；'}
              <Anchor component="button" type="button" size="xs" onClick={() => onOpenWorker(a.workerId)}>
                {a.workerName}
              </Anchor>
              （{a.startDate ?? '?'} 至 {a.endDate}）
            </Text>
          ))}
        </Text>
      )}
      {appointing && <AppointModal grid={grid} onClose={() => setAppointing(false)} />}
    </Card>
  );
}

/** The grids one level down, each a click away. */
export function GridChildren({
  grid,
  rows,
  onSelect,
}: {
  grid: GridNode;
  rows: TreeNode[];
  onSelect(id: number): void;
}) {
  const levelName = useLevelName();
  return (
    <Card withBorder padding="sm">
      <Text fw={600} mb="xs">
        下级{levelName(grid.level + 1)}（{rows.length}）
      </Text>
      {rows.length === 0 ? (
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
            {rows.map((c) => (
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
  );
}
