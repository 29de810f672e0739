import { Anchor } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import type { RecordKind } from '@shared/records';
import { rates, type ReportFigures, type VillageFigures } from '@shared/reports';
import type { RecordFilters } from '../records/model';
import { useOpenRecords, type Scope } from './open-records';
import { percent, yuan } from './period-model';

type Key = keyof VillageFigures;

/** A count that opens its records in the village (the township's own row counts only its own grid). */
function Cell({
  row,
  scope,
  field,
  kind,
  filters,
}: {
  row: VillageFigures;
  scope: Scope;
  field: Key;
  kind: RecordKind;
  filters?: Partial<RecordFilters>;
}) {
  const openRecords = useOpenRecords({ ...scope, gridId: row.villageId ?? scope.gridId });
  const value = Number(row[field]);
  if (row.villageId === null && row.code !== 'total') return <>{value}</>;
  return (
    <Anchor component="button" type="button" size="sm" onClick={() => openRecords(kind, filters)}>
      {value}
    </Anchor>
  );
}

function columns(scope: Scope): DataTableColumn<VillageFigures>[] {
  const link = (accessor: Key, title: string, kind: RecordKind, filters?: Partial<RecordFilters>) => ({
    accessor,
    title,
    textAlign: 'right' as const,
    render: (row: VillageFigures) => <Cell row={row} scope={scope} field={accessor} kind={kind} filters={filters} />,
  });
  return [
    { accessor: 'name', title: '村（社区）', width: 120, ellipsis: true },
    { accessor: 'householdGrids', title: '户级网格', textAlign: 'right' },
    { accessor: 'households', title: '户数', textAlign: 'right' },
    { accessor: 'workers', title: '网格员', textAlign: 'right' },
    link('disputesFound', '纠纷排查', 'disputes'),
    link('disputesHandled', '调处', 'disputes', { status: 'closed' }),
    link('disputesSuccess', '成功', 'disputes', { status: '调解成功' }),
    { accessor: 'handledRate', title: '调处率', textAlign: 'right', render: (r) => percent(rates(r).handledRate) },
    link('reports', '信息报告', 'reports'),
    link('services', '便民服务', 'services'),
    link('visits', '走访', 'visits'),
    link('publicityItems', '宣传', 'publicity'),
    link('trainings', '培训', 'trainings'),
    { accessor: 'subsidyTotal', title: '补贴（元）', textAlign: 'right', render: (r) => yuan(r.subsidyTotal) },
  ];
}

/** The villages with the main figures and a 合计 row; counts open their records. */
export function VillageTable({ figures, scope }: { figures: ReportFigures; scope: Scope }) {
  const rows = [...figures.rows, { ...figures.total, villageId: null, code: 'total', name: '合计' }];
  return (
    <DataTable
      withTableBorder
      striped
      fz="sm"
      verticalSpacing={4}
      records={rows}
      idAccessor="code"
      columns={columns(scope)}
      data-testid="village-table"
    />
  );
}
