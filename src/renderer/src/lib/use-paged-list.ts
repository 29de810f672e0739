import { useCallback, useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { useDebouncedValue } from '@mantine/hooks';
import type { HandlerInput, HandlerName, HandlerOutput } from '@shared/api';
import { useApiQuery } from './query';

/** Handlers that answer one page of a list: `{ total, rows }`. */
export type PagedName = {
  [K in HandlerName]: HandlerOutput<K> extends { total: number; rows: readonly unknown[] } ? K : never;
}[HandlerName];

type RowOf<K extends PagedName> = HandlerOutput<K> extends { rows: readonly (infer R)[] } ? R : never;

/** The page asked for, in both spellings handlers use. */
export interface Paging {
  page: number;
  pageSize: number;
  offset: number;
  limit: number;
}

export interface PagedList<F, R> {
  filters: F;
  /** A setter for one filter; a new filter shows page 1 again. */
  setFilter<Key extends keyof F>(key: Key): (value: F[Key]) => void;
  /** The filters the rows were asked with (typing in the search box settles first): use for exports. */
  applied: F;
  page: number;
  setPage(page: number): void;
  pageSize: number;
  records: R[];
  total: number;
  fetching: boolean;
  /** Rows ticked for a bulk action; kept across pages. */
  picked: R[];
  setPicked(rows: R[]): void;
}

interface Options<K extends PagedName, F> {
  initial: F;
  toInput(filters: F, paging: Paging): HandlerInput<K>;
  /** Filters the clerk types into, sent once the clerk pauses typing. */
  textKeys?: readonly (keyof F)[];
  pageSize?: number;
}

/** State and data of a filtered, server-paged list (workers, households, the 操作日志…). */
export function usePagedList<K extends PagedName, F extends object>(
  name: K,
  { initial, toInput, textKeys = [], pageSize = 50 }: Options<K, F>,
): PagedList<F, RowOf<K>> {
  const [filters, setFilters] = useState(initial);
  const [page, setPage] = useState(1);
  const [picked, setPicked] = useState<RowOf<K>[]>([]);
  // Debounced as one string: a fresh object each render would restart the timer for ever.
  const typed = JSON.stringify(textKeys.map((k) => filters[k]));
  const [settled] = useDebouncedValue(typed, 250);
  const applied = { ...filters };
  (JSON.parse(settled) as F[keyof F][]).forEach((v, i) => (applied[textKeys[i]!] = v));
  const paging = { page, pageSize, offset: (page - 1) * pageSize, limit: pageSize };
  const query = useApiQuery(name, toInput(applied, paging), { placeholderData: keepPreviousData });
  const setFilter = useCallback(
    <Key extends keyof F>(key: Key) =>
      (value: F[Key]) => {
        setFilters((f) => ({ ...f, [key]: value }));
        setPage(1);
      },
    [],
  );
  const data = query.data as { total: number; rows: RowOf<K>[] } | undefined;
  return {
    filters,
    setFilter,
    applied,
    page,
    setPage,
    pageSize,
    records: data?.rows ?? [],
    total: data?.total ?? 0,
    fetching: query.isFetching,
    picked,
    setPicked,
  };
}
