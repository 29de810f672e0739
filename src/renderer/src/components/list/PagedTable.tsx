import { DataTable, type DataTableColumn } from 'mantine-datatable';
import type { PagedList } from '@renderer/lib/use-paged-list';

/** The part of a list the table shows and pages through (its filters are the page's business). */
type PagedRows<R> = Pick<
  PagedList<unknown, R>,
  'records' | 'fetching' | 'total' | 'pageSize' | 'page' | 'setPage' | 'picked' | 'setPicked'
>;

interface Props<R> {
  list: PagedRows<R>;
  columns: DataTableColumn<R>[];
  /** 第 1–50 条，共 120 人: the unit of a row, and of the total. */
  units: { row: string; total: string };
  noRecordsText: string;
  onRowClick?(record: R): void;
  /** Show tick boxes bound to `list.picked`. */
  selectable?: boolean;
  /** CSS height; the table scrolls inside it. */
  height: string;
  'data-testid'?: string;
}

/** A mantine-datatable paged by the server, with the clerk's usual Chinese page text. */
export function PagedTable<R>({
  list,
  columns,
  units,
  noRecordsText,
  onRowClick,
  selectable,
  height,
  ...rest
}: Props<R>) {
  const selection = selectable ? { selectedRecords: list.picked, onSelectedRecordsChange: list.setPicked } : {};
  return (
    <DataTable<R>
      withTableBorder
      striped
      highlightOnHover
      minHeight={200}
      height={height}
      records={list.records}
      fetching={list.fetching}
      totalRecords={list.total}
      recordsPerPage={list.pageSize}
      page={list.page}
      onPageChange={list.setPage}
      paginationText={({ from, to, totalRecords }) =>
        `第 ${from}–${to} ${units.row}，共 ${totalRecords} ${units.total}`
      }
      noRecordsText={noRecordsText}
      onRowClick={onRowClick ? ({ record }) => onRowClick(record) : undefined}
      columns={columns}
      data-testid={rest['data-testid']}
      {...selection}
    />
  );
}
