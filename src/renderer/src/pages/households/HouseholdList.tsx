import { Badge, Group, Select } from '@mantine/core';
import type { DataTableColumn } from 'mantine-datatable';
import { HOUSEHOLD_TAGS, type HouseholdView } from '@shared/people';
import type { PagedList } from '@renderer/lib/use-paged-list';
import { GridSelect } from '@renderer/components/GridSelect';
import { SearchFilter } from '@renderer/components/list/ListPage';
import { PagedTable } from '@renderer/components/list/PagedTable';

const SCOPE_LEVELS = [1, 2, 3, 4] as const;

export interface HouseholdFilters {
  scope: number | null;
  tag: string | null;
  search: string;
}

export const NO_HOUSEHOLD_FILTERS: HouseholdFilters = { scope: null, tag: null, search: '' };

export function householdListInput(f: HouseholdFilters, { offset, limit }: { offset: number; limit: number }) {
  return { gridId: f.scope, tag: f.tag ?? '', search: f.search, offset, limit };
}

type List = PagedList<HouseholdFilters, HouseholdView>;

const COLUMNS: DataTableColumn<HouseholdView>[] = [
  { accessor: 'headName', title: '户主', width: 100 },
  { accessor: 'gridLabel', title: '户级网格', render: (h) => h.gridLabel },
  {
    accessor: 'idMasked',
    title: '身份证号',
    width: 190,
    cellsStyle: () => ({ fontFamily: 'var(--mantine-font-family-monospace)' }),
  },
  { accessor: 'phone', title: '联系电话', width: 120 },
  { accessor: 'address', title: '住址' },
  { accessor: 'members', title: '人口', width: 60 },
  {
    accessor: 'tags',
    title: '户类别',
    render: (h) => (
      <Group gap={4}>
        {h.tags.map((t) => (
          <Badge key={t} size="sm" variant="light" color="grape">
            {t}
          </Badge>
        ))}
      </Group>
    ),
  },
];

export function HouseholdFilterFields({ list }: { list: List }) {
  const { filters: f, setFilter } = list;
  return (
    <>
      <GridSelect
        levels={SCOPE_LEVELS}
        placeholder="全部网格"
        aria-label="范围"
        value={f.scope}
        onChange={setFilter('scope')}
        w={320}
      />
      <Select
        placeholder="户类别"
        aria-label="户类别"
        data={[...HOUSEHOLD_TAGS]}
        value={f.tag}
        onChange={setFilter('tag')}
        clearable
        w={140}
      />
      <SearchFilter
        placeholder="户主姓名、电话、住址或身份证号"
        label="搜索住户"
        value={f.search}
        onChange={setFilter('search')}
      />
    </>
  );
}

export function HouseholdTable({ list, onOpen }: { list: List; onOpen(h: HouseholdView): void }) {
  return (
    <PagedTable
      list={list}
      columns={COLUMNS}
      units={{ row: '户', total: '户' }}
      noRecordsText="没有符合条件的住户"
      onRowClick={onOpen}
      selectable
      height="calc(100dvh - 250px)"
    />
  );
}
