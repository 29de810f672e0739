import { Badge, Checkbox, Group, Select, Text, TextInput } from '@mantine/core';
import type { DataTableColumn } from 'mantine-datatable';
import {
  DISPUTE_CATEGORIES,
  PUBLICITY_FORMS,
  REPORT_TYPES,
  SERVICE_KINDS,
  SETTLED_LEVELS,
  type RecordKind,
  type RecordView,
} from '@shared/records';
import type { PagedList } from '@renderer/lib/use-paged-list';
import { useAppState } from '@renderer/lib/settings-context';
import { GridSelect } from '@renderer/components/GridSelect';
import { SearchFilter } from '@renderer/components/list/ListPage';
import { PagedTable } from '@renderer/components/list/PagedTable';
import { KINDS_WITH_WORKER, STATUS_CHOICES, type RecordFilters } from './model';
import { WorkerPicker } from './pickers';

const SCOPE_LEVELS = [1, 2, 3, 4] as const;
type List = PagedList<RecordFilters, RecordView>;

/** A dispute's status, red when it is open past its deadline: the one thing a list must not hide. */
export function StatusBadges({ record }: { record: RecordView }) {
  return (
    <Group gap={4} wrap="nowrap">
      {record.status && (
        <Badge size="sm" variant="light" color={record.status === '调解成功' ? 'green' : 'gray'}>
          {record.status}
        </Badge>
      )}
      {record.overdue && (
        <Badge size="sm" color="red" data-testid="overdue-badge">
          已超期
        </Badge>
      )}
      {record.kind === 'reports' && (record.fields as { important?: boolean }).important && (
        <Badge size="sm" color="orange" variant="light">
          重要
        </Badge>
      )}
    </Group>
  );
}

function kindColumn(kind: RecordKind): DataTableColumn<RecordView> | null {
  const f = (r: RecordView) => r.fields as Record<string, unknown>;
  switch (kind) {
    case 'disputes':
      return { accessor: 'category', title: '类别', width: 100, render: (r) => String(f(r).category) };
    case 'reports':
      return { accessor: 'type', title: '信息类别', width: 90, render: (r) => String(f(r).type) };
    case 'publicity':
      return { accessor: 'form', title: '形式', width: 70, render: (r) => String(f(r).form) };
    case 'services':
      return { accessor: 'kind', title: '服务类别', width: 90, render: (r) => String(f(r).kind) };
    case 'trainings':
      return { accessor: 'attended', title: '实到', width: 60, render: (r) => String(f(r).attended) };
    default:
      return null;
  }
}

function columns(kind: RecordKind): DataTableColumn<RecordView>[] {
  const cols: (DataTableColumn<RecordView> | null)[] = [
    { accessor: 'date', title: kind === 'wechatGroups' ? '登记日期' : '日期', width: 105 },
    kindColumn(kind),
    {
      accessor: 'summary',
      title: '内容',
      render: (r) => (
        <Text size="sm" lineClamp={1}>
          {r.summary}
        </Text>
      ),
    },
    kind === 'disputes' || kind === 'reports'
      ? { accessor: 'status', title: '状态', width: 150, render: (r) => <StatusBadges record={r} /> }
      : null,
    {
      accessor: 'gridLabel',
      title: '网格',
      width: 260,
      render: (r) => (
        <Text size="sm" lineClamp={1}>
          {r.gridLabel}
        </Text>
      ),
    },
    KINDS_WITH_WORKER.includes(kind) ? { accessor: 'workerName', title: '网格员', width: 80 } : null,
    kind === 'services' ? { accessor: 'householdName', title: '住户', width: 80 } : null,
  ];
  return cols.filter((c) => c !== null);
}

function KindFilters({ kind, list }: { kind: RecordKind; list: List }) {
  const { filters: f, setFilter } = list;
  const topics = useAppState().settings.publicityTopics;
  const select = (
    label: string,
    data: readonly string[] | { value: string; label: string }[],
    key: 'type' | 'category' | 'status',
    w = 130,
  ) => (
    <Select
      placeholder={label}
      aria-label={label}
      data={data as never}
      value={f[key]}
      onChange={setFilter(key)}
      clearable
      w={w}
      comboboxProps={{ width: 'target', position: 'bottom-start' }}
    />
  );
  switch (kind) {
    case 'disputes':
      return (
        <>
          {select('办理状态', STATUS_CHOICES, 'status', 150)}
          {select('纠纷类别', DISPUTE_CATEGORIES, 'category', 120)}
          <Select
            placeholder="化解层级"
            aria-label="化解层级"
            data={[...SETTLED_LEVELS]}
            value={f.settledLevel}
            onChange={(v) => setFilter('settledLevel')(v as RecordFilters['settledLevel'])}
            clearable
            w={110}
          />
          <Checkbox
            label="只看超期"
            checked={f.overdue}
            onChange={(e) => setFilter('overdue')(e.currentTarget.checked)}
            mb={8}
          />
        </>
      );
    case 'reports':
      return (
        <>
          {select('信息类别', REPORT_TYPES, 'type', 110)}
          <Checkbox
            label="只看重要"
            checked={f.important}
            onChange={(e) => setFilter('important')(e.currentTarget.checked)}
            mb={8}
          />
        </>
      );
    case 'publicity':
      return select('主题或形式', [...new Set([...PUBLICITY_FORMS, ...topics])], 'type', 140);
    case 'services':
      return select('服务类别', SERVICE_KINDS, 'type', 110);
    default:
      return null;
  }
}

/** Period, grid subtree, worker, the kind's own filters and a search box. */
export function RecordFilterFields({ kind, list }: { kind: RecordKind; list: List }) {
  const { filters: f, setFilter } = list;
  return (
    <>
      <TextInput
        type="date"
        aria-label="起始日期"
        w={140}
        value={f.from}
        onChange={(e) => setFilter('from')(e.currentTarget.value)}
      />
      <Text size="sm" mb={8}>
        至
      </Text>
      <TextInput
        type="date"
        aria-label="截止日期"
        w={140}
        value={f.to}
        onChange={(e) => setFilter('to')(e.currentTarget.value)}
      />
      <GridSelect
        levels={SCOPE_LEVELS}
        placeholder="全部网格"
        aria-label="范围"
        value={f.gridId}
        onChange={setFilter('gridId')}
        w={230}
        comboboxProps={{ width: 360, position: 'bottom-start' }}
      />
      {KINDS_WITH_WORKER.includes(kind) && (
        <WorkerPicker
          placeholder="网格员"
          aria-label="网格员"
          gridId={f.gridId}
          value={f.workerId}
          onChange={setFilter('workerId')}
          w={120}
          comboboxProps={{ width: 280, position: 'bottom-start' }}
        />
      )}
      <KindFilters kind={kind} list={list} />
      <SearchFilter placeholder="搜索内容" label="搜索记录" value={f.text} onChange={setFilter('text')} />
    </>
  );
}

export function RecordTable({ kind, list, onOpen }: { kind: RecordKind; list: List; onOpen(r: RecordView): void }) {
  return (
    <PagedTable
      list={list}
      columns={columns(kind)}
      units={{ row: '条', total: '条' }}
      noRecordsText="没有符合条件的记录"
      onRowClick={onOpen}
      height="calc(100dvh - 290px)"
      data-testid="record-table"
    />
  );
}
