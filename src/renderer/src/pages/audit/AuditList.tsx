import { Select, Text, TextInput } from '@mantine/core';
import type { DataTableColumn } from 'mantine-datatable';
import { contract, type HandlerName } from '@shared/api';
import type { AuditEntry } from '@shared/audit';
import { formatDateTime } from '@shared/dates';
import type { PagedList, Paging } from '@renderer/lib/use-paged-list';
import { SearchFilter } from '@renderer/components/list/ListPage';
import { PagedTable } from '@renderer/components/list/PagedTable';

export interface AuditFilters {
  from: string;
  to: string;
  actor: string;
  handler: string | null;
  text: string;
}

export const NO_AUDIT_FILTERS: AuditFilters = { from: '', to: '', actor: '', handler: null, text: '' };

/** Empty filters are left out: the handler then does not filter on them. */
export function auditFilterInput(f: AuditFilters) {
  return {
    from: f.from || undefined,
    to: f.to || undefined,
    actor: f.actor.trim() || undefined,
    handler: f.handler ?? undefined,
    text: f.text.trim() || undefined,
  };
}

export function auditListInput(f: AuditFilters, { page, pageSize }: Paging) {
  return { ...auditFilterInput(f), page, pageSize };
}

/** Every kind of change the log can hold, by its Chinese label (新增网格员…). */
const ACTIONS = Object.entries(contract).flatMap(([name, endpoint]) =>
  endpoint.write === null ? [] : [{ value: name as HandlerName, label: endpoint.write }],
);

export function countsText(counts: Record<string, number> | null): string {
  return counts
    ? Object.entries(counts)
        .map(([k, n]) => `${k} ${n}`)
        .join('，')
    : '';
}

const COLUMNS: DataTableColumn<AuditEntry>[] = [
  { accessor: 'at', title: '时间', width: 170, render: (e) => formatDateTime(e.at) },
  { accessor: 'actor', title: '操作员', width: 90 },
  { accessor: 'action', title: '操作', width: 140 },
  { accessor: 'entity', title: '对象', width: 80, render: (e) => e.entity ?? '—' },
  {
    accessor: 'summary',
    title: '内容',
    render: (e) => (
      <Text size="sm" lineClamp={2}>
        {[e.summary, countsText(e.counts)].filter(Boolean).join('；')}
      </Text>
    ),
  },
];

type List = PagedList<AuditFilters, AuditEntry>;

export function AuditFilterFields({ list }: { list: List }) {
  const { filters: f, setFilter } = list;
  return (
    <>
      <TextInput
        type="date"
        label="起始日期"
        value={f.from}
        onChange={(e) => setFilter('from')(e.currentTarget.value)}
        w={150}
      />
      <TextInput
        type="date"
        label="截止日期"
        value={f.to}
        onChange={(e) => setFilter('to')(e.currentTarget.value)}
        w={150}
      />
      <TextInput
        label="操作员"
        placeholder="姓名"
        value={f.actor}
        onChange={(e) => setFilter('actor')(e.currentTarget.value)}
        w={110}
      />
      <Select
        label="操作"
        placeholder="全部操作"
        data={ACTIONS}
        value={f.handler}
        onChange={setFilter('handler')}
        clearable
        searchable
        w={170}
      />
      <SearchFilter
        placeholder="内容中的姓名、网格等"
        label="搜索操作日志"
        value={f.text}
        onChange={setFilter('text')}
      />
    </>
  );
}

export function AuditTable({ list, onOpen }: { list: List; onOpen(e: AuditEntry): void }) {
  return (
    <PagedTable
      list={list}
      columns={COLUMNS}
      units={{ row: '条', total: '条' }}
      noRecordsText="没有符合条件的操作记录"
      onRowClick={onOpen}
      height="calc(100dvh - 270px)"
      data-testid="audit-table"
    />
  );
}
