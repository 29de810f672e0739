import { Badge, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { DataTableColumn } from 'mantine-datatable';
import { LEVEL_ORDINALS, type GridLevel } from '@shared/grids';
import { POLITICAL_STATUSES, WORKER_STATES, WORKER_TAGS, type WorkerState, type WorkerSummary } from '@shared/people';
import type { PagedList } from '@renderer/lib/use-paged-list';
import { GridSelect } from '@renderer/components/GridSelect';
import { FilterBar, SearchFilter } from '@renderer/components/list/ListPage';
import { PagedTable } from '@renderer/components/list/PagedTable';
import { StateBadge } from './StateBadge';

export const SCOPE_LEVELS = [1, 2, 3] as const;
export const LEVEL_OPTIONS = [1, 2, 3, 4].map((l) => ({ value: String(l), label: LEVEL_ORDINALS[l as GridLevel] }));

export interface WorkerFilters {
  scope: number | null;
  level: string | null;
  tag: string | null;
  political: string | null;
  status: '' | WorkerState;
  search: string;
}

export const NO_WORKER_FILTERS: WorkerFilters = {
  scope: null,
  level: null,
  tag: null,
  political: null,
  status: '',
  search: '',
};

export function workerListInput(f: WorkerFilters, { offset, limit }: { offset: number; limit: number }) {
  return {
    gridId: f.scope,
    level: f.level ? Number(f.level) : null,
    tag: f.tag ?? '',
    politicalStatus: f.political ?? '',
    status: f.status,
    search: f.search,
    offset,
    limit,
  };
}

const COLUMNS: DataTableColumn<WorkerSummary>[] = [
  { accessor: 'name', title: '姓名', width: 90 },
  { accessor: 'gender', title: '性别', width: 60 },
  {
    accessor: 'idMasked',
    title: '身份证号',
    width: 190,
    cellsStyle: () => ({ fontFamily: 'var(--mantine-font-family-monospace)' }),
  },
  { accessor: 'phone', title: '联系电话', width: 120 },
  { accessor: 'politicalStatus', title: '政治面貌', width: 110 },
  {
    accessor: 'tags',
    title: '人员类别',
    render: (w) => (
      <Group gap={4}>
        {w.tags.map((t) => (
          <Badge key={t} size="sm" variant="light">
            {t}
          </Badge>
        ))}
      </Group>
    ),
  },
  {
    accessor: 'grids',
    title: '现任网格',
    render: (w) =>
      w.grids.length === 0 ? (
        <Text size="sm" c="dimmed">
          未任职
        </Text>
      ) : (
        <Text size="sm">{w.grids.map((g) => `${g.gridLabel}（${g.role}）`).join('；')}</Text>
      ),
  },
  {
    accessor: 'state',
    title: '状态',
    width: 80,
    render: (w) => <StateBadge size="sm" state={w.state} />,
  },
];

function Filters({ list }: { list: PagedList<WorkerFilters, WorkerSummary> }) {
  const { filters: f, setFilter } = list;
  return (
    <FilterBar>
      <GridSelect
        levels={SCOPE_LEVELS}
        placeholder="全部镇、村、组"
        aria-label="范围"
        value={f.scope}
        onChange={setFilter('scope')}
        w={280}
      />
      <Select
        placeholder="全部层级"
        aria-label="层级"
        data={LEVEL_OPTIONS}
        value={f.level}
        onChange={setFilter('level')}
        clearable
        w={120}
      />
      <Select
        placeholder="人员类别"
        aria-label="人员类别"
        data={[...WORKER_TAGS]}
        value={f.tag}
        onChange={setFilter('tag')}
        clearable
        searchable
        w={140}
      />
      <Select
        placeholder="政治面貌"
        aria-label="政治面貌"
        data={[...POLITICAL_STATUSES]}
        value={f.political}
        onChange={setFilter('political')}
        clearable
        w={140}
      />
      <SegmentedControl
        aria-label="状态"
        data-testid="state-filter"
        data={[{ value: '', label: '全部' }, ...WORKER_STATES.map((s) => ({ value: s, label: s }))]}
        value={f.status}
        onChange={(v) => setFilter('status')(v as WorkerFilters['status'])}
      />
      <SearchFilter
        placeholder="姓名、电话或身份证号"
        label="搜索网格员"
        value={f.search}
        onChange={setFilter('search')}
      />
    </FilterBar>
  );
}

/** The filtered, paged list of workers; a click opens the worker's details, ticks select for batch actions. */
export function WorkerList({
  list,
  onOpen,
}: {
  list: PagedList<WorkerFilters, WorkerSummary>;
  onOpen(id: number): void;
}) {
  return (
    <Stack gap="sm">
      <Filters list={list} />
      <PagedTable
        list={list}
        columns={COLUMNS}
        units={{ row: '条', total: '人' }}
        noRecordsText="没有符合条件的网格员"
        onRowClick={(w) => onOpen(w.id)}
        selectable
        height="calc(100dvh - 300px)"
      />
    </Stack>
  );
}
