import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Box, Group, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { GridNode } from '@shared/grids';
import { HOUSEHOLDS_PER_GRID } from '@shared/people';
import { useLevelName } from '@renderer/lib/settings-context';
import { ancestors, visibleRows, type TreeIndex } from './tree-model';

const ROW_HEIGHT = 32;

interface Props {
  index: TreeIndex;
  query: string;
  selectedId: number | null;
  onSelect(id: number): void;
}

function countLabel(node: GridNode, levelName: (l: number) => string): string {
  if (node.level === 4) return node.households ? `${node.households}户` : '';
  const [, l2, l3, l4] = node.descendants;
  const parts: string[] = [];
  if (node.level === 1 && l2) parts.push(`${l2}村`);
  if (node.level <= 2 && l3) parts.push(`${l3}组`);
  if (l4) parts.push(`${l4}格`);
  return parts.join(' · ') || `无${levelName(node.level + 1)}`;
}

/** Household grids are meant to hold 15–20 households. */
function outOfRange(node: GridNode): boolean {
  return (
    node.level === 4 &&
    node.households > 0 &&
    (node.households < HOUSEHOLDS_PER_GRID.min || node.households > HOUSEHOLDS_PER_GRID.max)
  );
}

/**
 * The grid tree: virtualised (a county's 7,500 grids scroll smoothly), searchable, and
 * keyboard-driven like a file tree (↑ ↓ move, → open / first child, ← close / parent, Home, End).
 */
export function GridTree({ index, query, selectedId, onSelect }: Props) {
  const levelName = useLevelName();
  const [expanded, setExpanded] = useState<Set<number>>(() => new Set());
  const scrollRef = useRef<HTMLDivElement>(null);

  // Townships start open; a newly selected grid's ancestors open so it can be seen.
  useEffect(() => {
    setExpanded((prev) => {
      const next = new Set(prev);
      for (const root of index.children.get(null) ?? []) next.add(root.id);
      if (selectedId !== null) for (const a of ancestors(index, selectedId)) next.add(a.id);
      return next.size === prev.size ? prev : next;
    });
  }, [index, selectedId]);

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

  const toggle = (id: number, open?: boolean) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const cur = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
    const go = (i: number) => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (row) onSelect(row.node.id);
    };
    switch (e.key) {
      case 'ArrowDown':
        go(selectedIndex + 1);
        break;
      case 'ArrowUp':
        go(selectedIndex < 0 ? 0 : selectedIndex - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(rows.length - 1);
        break;
      case 'ArrowRight':
        if (!cur) go(0);
        else if (cur.hasChildren && !cur.expanded) toggle(cur.node.id, true);
        else if (cur.hasChildren) go(selectedIndex + 1);
        break;
      case 'ArrowLeft':
        if (!cur) break;
        if (cur.hasChildren && cur.expanded && !query) toggle(cur.node.id, false);
        else if (cur.node.parentId !== null) onSelect(cur.node.parentId);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <Box
      ref={scrollRef}
      role="tree"
      aria-label="网格树"
      tabIndex={0}
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
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            const selected = row.node.id === selectedId;
            return (
              <Group
                key={row.node.id}
                id={`grid-node-${row.node.id}`}
                role="treeitem"
                aria-level={row.node.level}
                aria-selected={selected}
                aria-expanded={row.hasChildren ? row.expanded : undefined}
                data-code={row.node.code}
                gap={4}
                wrap="nowrap"
                onClick={() => onSelect(row.node.id)}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
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
                      if (!query) toggle(row.node.id);
                    }}
                    style={{ display: 'flex', width: 18 }}
                  >
                    {row.expanded ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                  </UnstyledButton>
                ) : (
                  <Box w={18} />
                )}
                <Text size="sm" fw={row.match || selected ? 600 : 400} c={row.match ? 'indigo.8' : undefined} truncate>
                  {row.node.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {row.node.code}
                </Text>
                <Text
                  size="xs"
                  c={outOfRange(row.node) ? 'orange.8' : 'dimmed'}
                  ml="auto"
                  style={{ whiteSpace: 'nowrap' }}
                  title={outOfRange(row.node) ? '户数不在 15–20 户之间' : undefined}
                >
                  {countLabel(row.node, levelName)}
                </Text>
              </Group>
            );
          })}
        </div>
      )}
    </Box>
  );
}
