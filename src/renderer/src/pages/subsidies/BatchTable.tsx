import { Text, Tooltip, UnstyledButton } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { formatYuan } from '@shared/money';
import { MECHANISM_LABELS, MECHANISMS, type Mechanism } from '@shared/subsidies';
import type { WorkerRow } from './model';

interface Props {
  rows: WorkerRow[];
  fetching: boolean;
  /** A worker's amount was clicked: show the evidence (of one mechanism, or all of them). */
  onOpen(row: WorkerRow, mechanism: Mechanism | null): void;
}

function Amount({ row, mechanism, onOpen }: { row: WorkerRow; mechanism: Mechanism } & Pick<Props, 'onOpen'>) {
  const line = row.lines[mechanism];
  if (!line)
    return (
      <Text c="dimmed" size="sm">
        —
      </Text>
    );
  const adjusted = line.adjustFen !== 0;
  const button = (
    <UnstyledButton
      onClick={() => onOpen(row, mechanism)}
      aria-label={`${row.worker}的${MECHANISM_LABELS[mechanism]}`}
      c={adjusted ? 'orange.8' : 'blue.7'}
      fz="sm"
      style={{ textDecoration: 'underline dotted' }}
    >
      {formatYuan(line.amountFen)}
      {adjusted ? ' *' : ''}
    </UnstyledButton>
  );
  return adjusted ? (
    <Tooltip
      label={`计算 ${formatYuan(line.computedFen)}，调整 ${formatYuan(line.adjustFen)}：${line.adjustReason}`}
      multiline
      w={280}
    >
      {button}
    </Tooltip>
  ) : (
    button
  );
}

/** One row per worker, a column per mechanism; every amount opens the records behind it. */
export function BatchTable({ rows, fetching, onOpen }: Props) {
  const columns: DataTableColumn<WorkerRow>[] = [
    { accessor: 'no', title: '序号', width: 56, textAlign: 'right' },
    { accessor: 'village', title: '村（社区）', width: 110 },
    { accessor: 'worker', title: '姓名', width: 80 },
    {
      accessor: 'grids',
      title: '网格',
      render: (r) => (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {r.grids.join('、')}
        </Text>
      ),
    },
    ...MECHANISMS.map((m): DataTableColumn<WorkerRow> => ({
      accessor: m,
      title: MECHANISM_LABELS[m],
      width: 118,
      textAlign: 'right',
      render: (r) => <Amount row={r} mechanism={m} onOpen={onOpen} />,
    })),
    {
      accessor: 'totalFen',
      title: '合计',
      width: 120,
      textAlign: 'right',
      render: (r) => (
        <UnstyledButton fw={600} fz="sm" onClick={() => onOpen(r, null)} aria-label={`${r.worker}的合计`}>
          {formatYuan(r.totalFen)}
        </UnstyledButton>
      ),
    },
  ];
  return (
    <DataTable<WorkerRow>
      withTableBorder
      striped
      highlightOnHover
      minHeight={160}
      height="calc(100dvh - 330px)"
      fetching={fetching}
      records={rows}
      idAccessor="workerId"
      noRecordsText="这个期间没有可发放的补贴"
      columns={columns}
      data-testid="payout-table"
    />
  );
}
