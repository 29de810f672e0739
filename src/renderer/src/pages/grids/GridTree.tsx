import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { HOUSEHOLDS_PER_GRID } from '@shared/people';
import { useLevelName } from '@renderer/lib/settings-context';
import { treeKey, visibleRows, withOpened, type TreeIndex, type TreeNode, type TreeRow } from './tree-model';

const ROW_HEIGHT = 32;

interface Props {
  index: TreeIndex;
  /** False while only the top of the tree is loaded (the rest follows). */
  complete: boolean;
  query: string;
  selectedId: number | null;
  onSelect(id: number): void;
}

function countLabel(node: TreeNode, levelName: (l: number) => string): string {
  if (node.level === 4) return node.households ? `${node.households}户` : '';
  const [, l2, l3, l4] = node.descendants;
  const parts: string[] = [];
  if (node.level === 1 && l2) parts.push(`${l2}村`);
  if (node.level <= 2 && l3) parts.push(`${l3}组`);
  if (l4) parts.push(`${l4}格`);
  return parts.join(' · ') || `无${levelName(node.level + 1)}`;
}

/** Household grids are meant to hold 15–20 households. */
function outOfRange(node: TreeNode): boolean {
  return (
    node.level === 4 &&
    node.households > 0 &&
    (node.households < HOUSEHOLDS_PER_GRID.min || node.households > HOUSEHOLDS_PER_GRID.max)
  );
}

/**
 * Which nodes are open. Townships start open and a newly selected grid's ancestors open so it
 * can be seen; that is worked out while rendering rather than in an effect, so the first paint
 * already shows the open tree instead of a second pass redrawing it.
 */
function useExpanded(index: TreeIndex, selectedId: number | null) {
  const [expanded, setExpanded] = useState(() => withOpened(index, selectedId, new Set()));
  const [openedFor, setOpenedFor] = useState({ index, selectedId });
  if (openedFor.index !== index || openedFor.selectedId !== selectedId) {
    setOpenedFor({ index, selectedId });
    setExpanded(withOpened(index, selectedId, expanded));
  }
  const toggle = (id: number, open?: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });
  return [expanded, toggle] as const;
}

/**
 * The grid tree: virtualised (a county's 7,500 grids scroll smoothly), searchable, and
 * keyboard-driven like a file tree (see treeKey).
 */
export function GridTree({ index, complete, query, selectedId, onSelect }: Props) {
  const levelName = useLevelName();
  const [expanded, toggle] = useExpanded(index, selectedId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => visibleRows(index, expanded, query), [index, expanded, query]);
  const selectedIndex = rows.findIndex((r) => r.node.id === selectedId);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const action = treeKey(rows, selectedId, e.key, query !== '');
    if (!action) return;
    e.preventDefault();
    if (action.kind === 'select') onSelect(action.id);
    else if (action.kind === 'toggle') toggle(action.id, action.open);
  };

  return (
    <Box
      ref={scrollRef}
      role="tree"
      aria-label="网格树"
      tabIndex={0}
      aria-busy={!complete}
      onKeyDown={onKeyDown}
      aria-activedescendant={selectedId !== null ? `grid-node-${selectedId}` : undefined}
      style={{ height: '100%', overflow: 'auto', outlineOffset: -2 }}
      data-testid="grid-tree"
    >
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm" p="md">
          {query ? `没有名称或编码包含“${query}”的网格` : '还没有网格'}
        </Text>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => (
            <GridTreeItem
              key={rows[item.index]!.node.id}
              row={rows[item.index]!}
              top={item.start}
              selected={rows[item.index]!.node.id === selectedId}
              countLabel={countLabel(rows[item.index]!.node, levelName)}
              onSelect={onSelect}
              onToggle={query ? undefined : toggle}
            />
          ))}
        </div>
      )}
    </Box>
  );
}

interface ItemProps {
  row: TreeRow;
  top: number;
  selected: boolean;
  countLabel: string;
  onSelect(id: number): void;
  /** Absent while searching: every row is open then. */
  onToggle?: (id: number) => void;
}

function GridTreeItem({ row, top, selected, countLabel, onSelect, onToggle }: ItemProps) {
  const { node } = row;
  const flagged = outOfRange(node);
  return (
    <Group
      id={`grid-node-${node.id}`}
      role="treeitem"
      aria-level={node.level}
      aria-selected={selected}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      data-code={node.code}
      gap={4}
      wrap="nowrap"
      onClick={() => onSelect(node.id)}
      style={{
        position: 'absolute',
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${top}px)`,
        paddingLeft: 4 + row.depth * 18,
        paddingRight: 8,
        cursor: 'pointer',
        borderRadius: 4,
        background: selected ? 'var(--mantine-color-indigo-1)' : undefined,
      }}
    >
      {row.hasChildren ? (
        <UnstyledButton
          aria-label={row.expanded ? '收起' : '展开'}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            onToggle?.(node.id);
          }}
          style={{ display: 'flex', width: 18 }}
        >
          {row.expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
        </UnstyledButton>
      ) : (
        <Box w={18} />
      )}
      <Text size="sm" fw={row.match || selected ? 600 : 400} c={row.match ? 'indigo.8' : undefined} truncate>
        {node.name}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {node.code}
      </Text>
      <Text
        size="xs"
        c={flagged ? 'orange.8' : 'dimmed'}
        ml="auto"
        style={{ whiteSpace: 'nowrap' }}
        title={flagged ? '户数不在 15–20 户之间' : undefined}
      >
        {countLabel}
      </Text>
    </Group>
  );
}
