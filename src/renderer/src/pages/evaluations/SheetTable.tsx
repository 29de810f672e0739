import { useMemo } from 'react';
import { Badge, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import type { EvalMetric, ScoreItemView, SheetLineView, SheetView } from '@shared/evaluations';
import { GRADE_COLORS, metricShort, pts } from './model';

interface Props {
  sheet: SheetView;
  fetching: boolean;
  /** Lines the last refresh changed. */
  changed: ReadonlySet<number>;
  /** A draft's score was clicked: adjust it. */
  onEdit(line: SheetLineView, item: ScoreItemView): void;
}

const KIND_WORD = { criterion: '满分', bonus: '加分', deduction: '扣分' } as const;

/** The metric behind each item (null: scored by hand), from the scheme the sheet was scored with. */
function metricsByKey(sheet: SheetView): Map<string, EvalMetric | null> {
  const d = sheet.scheme;
  return new Map([...d.criteria, ...d.bonus, ...d.deductions].map((i) => [i.key, i.metric]));
}

interface ScoreProps extends Pick<Props, 'onEdit'> {
  line: SheetLineView;
  item: ScoreItemView;
  metric: EvalMetric | null;
  draft: boolean;
}

function Score({ line, item, metric, draft, onEdit }: ScoreProps) {
  const adjusted = item.scoreX10 !== item.suggestedX10;
  const body = (
    <Stack gap={0} align="flex-end">
      {metric && (
        <Text size="10px" c="dimmed">
          {metricShort(metric)} {line.counts[metric]}
        </Text>
      )}
      <Text size="sm" fw={adjusted ? 700 : 400} c={adjusted ? 'orange.8' : undefined}>
        {pts(item.scoreX10)}
      </Text>
      {adjusted && (
        <Text size="10px" c="dimmed">
          建议 {pts(item.suggestedX10)}
        </Text>
      )}
    </Stack>
  );
  const label = `${line.workerName}的${item.name}`;
  const content = draft ? (
    <UnstyledButton
      aria-label={label}
      onClick={() => onEdit(line, item)}
      w="100%"
      style={{ borderBottom: '1px dotted var(--mantine-color-blue-4)' }}
    >
      {body}
    </UnstyledButton>
  ) : (
    <div aria-label={label}>{body}</div>
  );
  return adjusted && item.reason ? (
    <Tooltip label={`调整理由：${item.reason}`} multiline w={260}>
      {content}
    </Tooltip>
  ) : (
    content
  );
}

/**
 * One row per worker: every item's score with the count from the records above it (the suggestion beside an
 * adjusted one), the total and grade as the server computed them. Wide schemes scroll inside.
 */
export function SheetTable({ sheet, fetching, changed, onEdit }: Props) {
  const draft = sheet.status === '草稿';
  const columns = useMemo((): DataTableColumn<SheetLineView>[] => {
    const metrics = metricsByKey(sheet);
    const items = sheet.lines.find((l) => l.items.length > 0)?.items ?? [];
    return [
      {
        accessor: 'workerName',
        title: '姓名',
        width: 110,
        render: (l) => (
          <Stack gap={0}>
            <Text size="sm">{l.workerName}</Text>
            {l.excluded && (
              <Text size="xs" c="red.7">
                {l.excluded}
              </Text>
            )}
          </Stack>
        ),
      },
      {
        accessor: 'grids',
        title: '网格',
        width: 130,
        render: (l) => (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {l.grids}
          </Text>
        ),
      },
      ...items.map((it): DataTableColumn<SheetLineView> => ({
        accessor: `item-${it.key}`,
        title: (
          <Stack gap={0} align="flex-end">
            <Text size="xs" fw={600} ta="right" lh={1.2} style={{ whiteSpace: 'normal' }}>
              {it.name}
            </Text>
            <Text size="10px" c="dimmed">
              {KIND_WORD[it.kind]}
              {it.fullX10 !== null ? ` ${pts(it.fullX10)}` : ''}
            </Text>
          </Stack>
        ),
        width: 100,
        textAlign: 'right',
        render: (l) => {
          const item = l.items.find((i) => i.key === it.key);
          if (!item) return '—';
          return <Score line={l} item={item} metric={metrics.get(it.key) ?? null} draft={draft} onEdit={onEdit} />;
        },
      })),
      {
        accessor: 'totalX10',
        title: '合计 / 等次',
        width: 104,
        textAlign: 'right',
        render: (l) => (
          <Stack gap={2} align="flex-end">
            <Text fw={700} size="sm" data-testid={`total-${l.workerId}`}>
              {l.excluded ? '—' : pts(l.totalX10)}
            </Text>
            <Badge color={GRADE_COLORS[l.grade]} variant="light" tt="none" size="sm">
              {l.grade}
            </Badge>
          </Stack>
        ),
      },
    ];
  }, [sheet, draft, onEdit]);
  return (
    <DataTable<SheetLineView>
      withTableBorder
      withColumnBorders
      striped
      highlightOnHover
      pinFirstColumn
      pinLastColumn
      minHeight={160}
      height="calc(100dvh - 220px)"
      fetching={fetching}
      records={sheet.lines}
      rowStyle={(l) => (changed.has(l.id) ? { backgroundColor: 'var(--mantine-color-yellow-1)' } : undefined)}
      noRecordsText="这个村没有符合考核对象的网格员"
      columns={columns}
      data-testid="score-table"
    />
  );
}
