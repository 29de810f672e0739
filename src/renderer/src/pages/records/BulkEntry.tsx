/**
 * 月末批量录入: a keyboard-driven grid (react-data-grid) for one kind of record. Tab / Enter move,
 * typing replaces a cell, grid / worker / household are typed by name and resolved (type-ahead
 * lists offer them), Ctrl+D copies the cell above, rows paste from Excel, every cell is checked
 * by the kind's schema and shows its own error; 保存 sends every row in one call, all or none.
 */
import 'react-data-grid/lib/styles.css';
import { useMemo, useRef, useState } from 'react';
import { DataGrid, type Column, type DataGridHandle, type RenderEditCellProps } from 'react-data-grid';
import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconPlus, IconPrinter } from '@tabler/icons-react';
import { RECORD_LABELS, type RecordKind } from '@shared/records';
import { notifyError, notifySuccess } from '@renderer/lib/api';
import { saveThenOpen } from '@renderer/lib/files';
import { useApiMutation } from '@renderer/lib/query';
import {
  bulkColumns,
  columnOf,
  isBlank,
  normalizeDate,
  parseClipboard,
  validateRow,
  type BulkColumn,
  type BulkRow,
} from './bulk-model';
import { useBulkLookups } from './bulk-lookups';
import { prefillRows, useBulkRows } from './bulk-rows';

export interface BulkEntryProps {
  kind: RecordKind;
  /** The village (or any grid) whose records are entered: type-ahead and prefilled rows come from it. */
  gridId?: number | null;
  onClose(): void;
  onSaved(count: number): void;
}

type GridRow = BulkRow & { n: number };

/** The blank paper sheets this grid takes back, for the month of the default date (or this month). */
function printLogSheets(kind: 'visits' | 'services', gridId: number, date: string) {
  const d = normalizeDate(date.trim());
  const now = new Date();
  const month = /^\d{4}-\d{2}/.test(d)
    ? d.slice(0, 7)
    : `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const title = kind === 'visits' ? '走访登记表' : '服务登记表';
  return saveThenOpen(
    'print/logSheets',
    { kind, month, gridId, workerId: null },
    {
      title: `打印空白${title}`,
      defaultName: `${month}${title}.pdf`,
      describe: (r) => `已生成 ${r.sheets} 个网格的${title}（${r.households} 户），共 ${r.pages} 页`,
      errorTitle: `${title}未生成`,
    },
  );
}

function CellEditor({ row, column, onRowChange }: RenderEditCellProps<GridRow>) {
  return (
    <input
      className="rdg-text-editor"
      aria-label={`第 ${row.n} 行 ${String(column.name)}`}
      autoFocus
      list={`bulk-list-${column.key}`}
      value={row.values[column.key] ?? ''}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => onRowChange({ ...row, values: { ...row.values, [column.key]: e.target.value } })}
    />
  );
}

function datalistOptions(c: BulkColumn, names: { grids: string[]; workers: string[]; households: string[] }) {
  if (c.type === 'grid') return names.grids;
  if (c.type === 'worker') return names.workers;
  if (c.type === 'household') return names.households;
  if (c.type === 'bool') return ['是', '否'];
  return c.options ? [...c.options] : [];
}

export function BulkEntry({ kind, gridId = null, onClose, onSaved }: BulkEntryProps) {
  const { lookups, grids, loading } = useBulkLookups(gridId);
  const columns = useMemo(() => bulkColumns(kind, lookups.topics), [kind, lookups.topics]);
  const [date, setDate] = useState('');
  const state = useBulkRows();
  const { rows, setRows, serverErrors, setServerErrors } = state;
  const [showAll, setShowAll] = useState(false);
  const gridRef = useRef<DataGridHandle>(null);
  const active = useRef<{ idx: number; rowIdx: number } | null>(null);
  const [activeCell, setActiveCell] = useState<{ key: string; rowIdx: number } | null>(null);
  // Shown under the grid rather than as a notification, which would cover the cells it names.
  const [message, setMessage] = useState<string | null>(null);
  const save = useApiMutation('records/bulkCreate');

  const checked = useMemo(
    () =>
      rows.map((r, i): GridRow => {
        if (isBlank(r)) return { ...r, n: i + 1, errors: {} };
        const { errors } = validateRow(kind, columns, r, lookups);
        const shown = showAll
          ? errors
          : Object.fromEntries(Object.entries(errors).filter(([k]) => (r.values[k] ?? '').trim() !== ''));
        return { ...r, n: i + 1, errors: { ...shown, ...serverErrors.get(r.key) } };
      }),
    [rows, kind, columns, lookups, showAll, serverErrors],
  );

  const names = useMemo(
    () => ({
      grids: lookups.grids.map((g) => g.label),
      workers: [...new Set(lookups.workers.map((w) => w.name))],
      households: [...new Set(lookups.households.map((h) => h.headName))],
    }),
    [lookups],
  );

  const gridColumns = useMemo<Column<GridRow>[]>(
    () => [
      { key: 'n', name: '行', width: 44, frozen: true, renderCell: ({ row }) => row.n },
      ...columns.map((c): Column<GridRow> => ({
        key: c.key,
        name: c.label,
        width: c.width,
        renderEditCell: CellEditor,
        editorOptions: { commitOnOutsideClick: true },
        renderCell: ({ row }) => {
          const error = row.errors[c.key];
          return (
            <div
              title={error}
              data-error={error ?? undefined}
              aria-invalid={error ? true : undefined}
              style={{
                marginInline: -8,
                paddingInline: 8,
                height: '100%',
                background: error ? 'var(--mantine-color-red-1)' : undefined,
                boxShadow: error ? 'inset 0 0 0 1px var(--mantine-color-red-6)' : undefined,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              {row.values[c.key] ?? ''}
            </div>
          );
        },
      })),
    ],
    [columns],
  );

  const editRows = (next: GridRow[], indexes: number[]) => {
    setRows(next.map(({ n: _n, ...r }) => r));
    setServerErrors((m) => {
      const copy = new Map(m);
      for (const i of indexes) copy.delete(next[i]!.key);
      return copy;
    });
  };

  /** Excel rows pasted from the active cell rightwards and down, adding rows as needed. */
  const paste = (e: React.ClipboardEvent) => {
    const at = active.current;
    if (!at || at.idx < 1 || (e.target as HTMLElement).tagName === 'INPUT') return;
    e.preventDefault();
    e.stopPropagation();
    const cells = parseClipboard(e.clipboardData.getData('text/plain'));
    state.pasteAt(at.rowIdx, at.idx - 1, cells, columns);
  };

  const submit = async () => {
    const filled = checked.filter((r) => !isBlank(r));
    if (filled.length === 0) return setMessage('没有要保存的记录：请先在表格中填写。');
    const results = filled.map((r) => validateRow(kind, columns, r, lookups));
    const bad = results.findIndex((r) => Object.keys(r.errors).length > 0);
    setShowAll(true);
    if (bad >= 0) {
      const [key, problem] = Object.entries(results[bad]!.errors)[0]!;
      const label = columns.find((c) => c.key === key)?.label ?? key;
      return setMessage(`第 ${filled[bad]!.n} 行 ${label}：${problem}。请改正后再保存，未保存任何记录。`);
    }
    const r = await save.mutateAsync({ kind, rows: results.map((x) => x.fields) });
    if (!r.ok) {
      const byRow = new Map<number, Record<string, string>>();
      for (const e of r.error.details?.rowErrors ?? []) {
        const target = filled[e.row - 1];
        if (!target) continue;
        byRow.set(target.key, { ...byRow.get(target.key), [columnOf(columns, e.field)]: e.message });
      }
      setServerErrors(byRow);
      if (byRow.size === 0) notifyError(r.error);
      return setMessage(r.error.message);
    }
    setMessage(null);
    notifySuccess(`已保存 ${r.value.created} 条${RECORD_LABELS[kind]}`);
    state.reset();
    onSaved(r.value.created);
  };

  const count = checked.filter((r) => !isBlank(r)).length;
  const errorCount = checked.filter((r) => Object.keys(r.errors).length > 0).length;
  const here = activeCell ? checked[activeCell.rowIdx]?.errors[activeCell.key] : undefined;

  return (
    <Stack gap="sm" data-testid="bulk-entry">
      <Group justify="space-between" wrap="nowrap">
        <Title order={4}>月末批量录入：{RECORD_LABELS[kind]}</Title>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            aria-label="默认日期"
            placeholder="默认日期 2026-03-31"
            w={170}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
          />
          <Button
            variant="default"
            disabled={loading}
            onClick={() => setRows(prefillRows(kind, grids, lookups, normalizeDate(date.trim())))}
          >
            按网格预填
          </Button>
          {(kind === 'visits' || kind === 'services') && gridId !== null && (
            <Button
              variant="default"
              leftSection={<IconPrinter size={16} />}
              onClick={() => void printLogSheets(kind, gridId, date)}
            >
              空白登记表
            </Button>
          )}
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => state.addRows(10)}>
            加 10 行
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Tab / Enter 移到下一格，直接输入即替换（F2 或双击修改原内容），Ctrl+D 复制上一行同列，可从 Excel
        复制多行粘贴；网格、网格员、住户输入名称即可（有提示）。空行不保存。
      </Text>
      {names &&
        columns.map((c) => (
          <datalist key={c.key} id={`bulk-list-${c.key}`}>
            {datalistOptions(c, names).map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        ))}
      <div onPasteCapture={paste}>
        <DataGrid
          ref={gridRef}
          aria-label={`${RECORD_LABELS[kind]}批量录入表`}
          className="rdg-light"
          style={{ height: 420 }}
          columns={gridColumns}
          rows={checked}
          rowKeyGetter={(r) => r.key}
          onRowsChange={(next, data) => editRows(next, data.indexes)}
          onActivePositionChange={(p) => {
            active.current = p.column ? { idx: p.column.idx, rowIdx: p.rowIdx } : null;
            setActiveCell(p.column ? { key: p.column.key, rowIdx: p.rowIdx } : null);
          }}
          onFill={({ columnKey, sourceRow, targetRow }) => ({
            ...targetRow,
            values: { ...targetRow.values, [columnKey]: sourceRow.values[columnKey] ?? '' },
          })}
          onCellKeyDown={(args, event) => {
            const down = { idx: args.column?.idx ?? 0, rowIdx: args.rowIdx + 1 };
            if (event.key === 'Enter' && !event.shiftKey && args.rowIdx + 1 < rows.length) {
              // Like Excel, Enter goes down: in an editor it commits first (the grid's own Enter).
              if (args.mode === 'ACTIVE') event.preventGridDefault();
              setTimeout(() => gridRef.current?.setActivePosition(down, { shouldFocus: true }));
            } else if (args.mode === 'ACTIVE' && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'd') {
              event.preventGridDefault();
              event.preventDefault();
              if (args.column && args.column.idx > 0) state.copyDown(args.rowIdx, args.column.key);
            }
          }}
        />
      </div>
      {(errorCount > 0 || message) && (
        <Alert color="red" variant="light" p="xs" data-testid="bulk-errors">
          <Stack gap={2}>
            {errorCount > 0 && <Text size="sm">{errorCount} 行有错误（标红的格子，选中或鼠标停留可看原因）。</Text>}
            {here && <Text size="sm">当前格：{here}</Text>}
            {message && <Text size="sm">{message}</Text>}
          </Stack>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          关闭
        </Button>
        <Button leftSection={<IconDeviceFloppy size={16} />} loading={save.isPending} onClick={() => void submit()}>
          保存 {count} 条
        </Button>
      </Group>
    </Stack>
  );
}
