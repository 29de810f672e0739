import type { RecordKind } from '@shared/records';
import { useOpen } from '@renderer/lib/navigation';
import type { RecordFilters } from '../records/model';

export interface Scope {
  from: string;
  to: string;
  gridId: number | null;
}

/** Opens 工作记录 on the records behind a figure: its kind, the period and the grid (or a village). */
export function useOpenRecords(scope: Scope) {
  const open = useOpen();
  return (kind: RecordKind, filters: Partial<RecordFilters> = {}) =>
    open({
      kind: 'records',
      id: 0,
      records: { kind, filters: { from: scope.from, to: scope.to, gridId: scope.gridId, ...filters } },
    });
}

export type OpenRecords = ReturnType<typeof useOpenRecords>;
