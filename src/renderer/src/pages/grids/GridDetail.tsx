import { useState } from 'react';
import { Anchor, Badge, Breadcrumbs, Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowsMove, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { HOUSEHOLDS_PER_GRID } from '@shared/people';
import { LEVEL_ORDINALS, type GridNode } from '@shared/grids';
import { useLevelName } from '@renderer/lib/settings-context';
import { ancestors, type TreeIndex } from './tree-model';
import { WorkerDetailDrawer } from '@renderer/pages/workers/WorkerDetailDrawer';
import { GridChildren, GridFacts, GridWorkers } from './GridCards';
import { GridHouseholds } from './GridHouseholds';
import { WechatGroupPanel } from './WechatGroupPanel';
import { RecordTimeline } from '@renderer/pages/records/RecordTimeline';

interface Props {
  grid: GridNode;
  index: TreeIndex;
  onSelect(id: number): void;
  onAddChild(): void;
  onEdit(): void;
  onMove(): void;
  onDelete(): void;
}

/** A household grid outside 15–20 households is flagged (too few / too many). */
function sizeFlag(grid: GridNode): string | null {
  if (grid.level !== 4) return null;
  if (grid.households > 0 && grid.households < HOUSEHOLDS_PER_GRID.min)
    return `户数偏少（少于 ${HOUSEHOLDS_PER_GRID.min} 户）`;
  if (grid.households > HOUSEHOLDS_PER_GRID.max) return `户数偏多（多于 ${HOUSEHOLDS_PER_GRID.max} 户）`;
  return null;
}

export function GridDetail({ grid, index, onSelect, ...actions }: Props) {
  const path = ancestors(index, grid.id);
  // A worker opens over the grid page, which stays where the clerk was.
  const [workerId, setWorkerId] = useState<number | null>(null);
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
      <GridHeading grid={grid} {...actions} />
      <GridFacts grid={grid} />
      <GridWorkers grid={grid} onOpenWorker={setWorkerId} />
      {grid.level >= 3 && <GridHouseholds grid={grid} />}
      <RecordTimeline gridId={grid.id} />
      <WechatGroupPanel grid={grid} />
      {grid.level < 4 && <GridChildren grid={grid} rows={index.children.get(grid.id) ?? []} onSelect={onSelect} />}
      <WorkerDetailDrawer workerId={workerId} onClose={() => setWorkerId(null)} />
    </Stack>
  );
}

function GridHeading({
  grid,
  onAddChild,
  onEdit,
  onMove,
  onDelete,
}: Pick<Props, 'grid' | 'onAddChild' | 'onEdit' | 'onMove' | 'onDelete'>) {
  const levelName = useLevelName();
  const flag = sizeFlag(grid);
  return (
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
        {flag && (
          <Badge color="orange" variant="outline" data-testid="size-flag">
            {flag}
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
  );
}
