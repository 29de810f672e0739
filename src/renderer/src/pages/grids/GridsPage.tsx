import { useMemo, useState } from 'react';
import { Box, Button, Card, Center, Flex, Group, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDatabasePlus, IconPlus, IconSearch } from '@tabler/icons-react';
import type { GridNode } from '@shared/grids';
import { call, notifyError, notifySuccess } from '@renderer/lib/api';
import { useApiQuery } from '@renderer/lib/query';
import { useTarget } from '@renderer/lib/navigation';
import { useLevelName } from '@renderer/lib/settings-context';
import { DeleteGridModal } from './DeleteGridModal';
import { GridDetail } from './GridDetail';
import { GridFormDrawer, type GridFormMode } from './GridFormDrawer';
import { GridTree } from './GridTree';
import { MoveGridModal } from './MoveGridModal';
import { buildTree, indexTree, treeSize, type TreeIndex } from './tree-model';

/**
 * The tree model, built once per load. First what the tree shows at start — townships and
 * villages with their counts — then, once that is drawn, the whole tree in compact rows (for
 * opening villages, searching, moving): a county's 7,000 grids no longer hold up the first paint.
 */
function useGridTree(): { index: TreeIndex | null; complete: boolean } {
  const top = useApiQuery('grids/tree', { maxLevel: 2 });
  const all = useApiQuery('grids/treeRows', {}, { enabled: top.data !== undefined });
  const index = useMemo(
    () => (all.data ? buildTree(all.data) : top.data ? indexTree(top.data) : null),
    [all.data, top.data],
  );
  return { index, complete: all.data !== undefined };
}

export function GridsPage() {
  const levelName = useLevelName();
  const { index, complete } = useGridTree();
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [search, setSearch] = useState('');
  useTarget('grid', setSelectedId);
  const [query] = useDebouncedValue(search, 150);
  const [formMode, setFormMode] = useState<GridFormMode | null>(null);
  const [moving, setMoving] = useState<GridNode | null>(null);
  const [deleting, setDeleting] = useState<GridNode | null>(null);
  const [loadingDemo, setLoadingDemo] = useState(false);

  // The tree holds only what it draws; the selected grid's details load on their own. Silent: a
  // grid just deleted may be asked for once more before the selection moves to its parent.
  const detail = useApiQuery('grids/get', { id: selectedId ?? 0 }, { enabled: selectedId !== null, silent: true });
  const selected = detail.data?.id === selectedId ? detail.data : null;

  const afterSave = (node: GridNode) => setSelectedId(node.id);

  const loadDemo = async () => {
    setLoadingDemo(true);
    const r = await call('demo/create', {});
    setLoadingDemo(false);
    if (!r.ok) return notifyError(r.error);
    notifySuccess(`已载入演示乡镇“${r.value.township.name}”，共 ${r.value.grids} 个网格`);
    setSelectedId(r.value.township.id);
  };

  if (index === null) {
    return (
      <Center h="60vh">
        <Loader />
      </Center>
    );
  }

  const drawers = (
    <>
      <GridFormDrawer mode={formMode} onClose={() => setFormMode(null)} onSaved={afterSave} />
      <MoveGridModal grid={moving} index={index} onClose={() => setMoving(null)} onMoved={afterSave} />
      <DeleteGridModal grid={deleting} onClose={() => setDeleting(null)} onDeleted={(g) => setSelectedId(g.parentId)} />
    </>
  );

  if (index.byId.size === 0) {
    return (
      <Center h="70vh">
        <Stack align="center" gap="md" maw={520}>
          <Title order={3}>还没有网格</Title>
          <Text c="dimmed" ta="center">
            先建立本镇的一级网格，再逐级添加村（社区）、村民小组和户级网格；也可以先载入一个演示乡镇看看效果。
          </Text>
          <Group>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setFormMode({ kind: 'create', parent: null })}>
              新增{levelName(1)}（一级网格）
            </Button>
            <Button
              variant="default"
              leftSection={<IconDatabasePlus size={16} />}
              loading={loadingDemo}
              onClick={() => void loadDemo()}
            >
              载入演示数据
            </Button>
          </Group>
        </Stack>
        {drawers}
      </Center>
    );
  }

  return (
    <>
      <Flex gap="md" align="stretch" style={{ height: 'calc(100dvh - 56px - 2 * var(--mantine-spacing-md))' }}>
        <Card withBorder padding="xs" w={440} style={{ display: 'flex', flexDirection: 'column', flex: 'none' }}>
          <Group gap="xs" mb="xs" wrap="nowrap">
            <TextInput
              placeholder="按名称或编码搜索"
              aria-label="搜索网格"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => setFormMode({ kind: 'create', parent: null })}
            >
              新增{levelName(1)}
            </Button>
          </Group>
          <div style={{ flex: 1, minHeight: 0 }}>
            <GridTree
              index={index}
              complete={complete}
              query={query}
              selectedId={selectedId}
              onSelect={setSelectedId}
            />
          </div>
          <Text size="xs" c="dimmed" mt={4} data-testid="grid-count">
            共 {treeSize(index)} 个网格 · 方向键浏览，← → 收起/展开
          </Text>
        </Card>
        <Box style={{ flex: 1, minWidth: 0, overflow: 'auto' }}>
          {selected ? (
            <GridDetail
              grid={selected}
              index={index}
              onSelect={setSelectedId}
              onAddChild={() => setFormMode({ kind: 'create', parent: selected })}
              onEdit={() => setFormMode({ kind: 'edit', grid: selected })}
              onMove={() => setMoving(selected)}
              onDelete={() => setDeleting(selected)}
            />
          ) : selectedId === null ? (
            <Center h="50vh">
              <Text c="dimmed">在左侧选择一个网格，查看详情和下级网格。</Text>
            </Center>
          ) : null}
        </Box>
      </Flex>
      {drawers}
    </>
  );
}
