import {
  DISPUTE_STATUSES,
  OPEN_DISPUTE_STATUSES,
  type RecordKind,
  type RecordListInput,
  type SETTLED_LEVELS,
} from '@shared/records';

type Status = (typeof DISPUTE_STATUSES)[number];

/** The dispute status filter: one status, or the open / closed groups the statistics count. */
export const STATUS_CHOICES: { value: string; label: string; statuses: Status[] }[] = [
  { value: 'open', label: '未办结（排查中、调处中）', statuses: [...OPEN_DISPUTE_STATUSES] },
  {
    value: 'closed',
    label: '已办结（成功、不成、移交）',
    statuses: DISPUTE_STATUSES.filter((s) => !(OPEN_DISPUTE_STATUSES as readonly string[]).includes(s)),
  },
  ...DISPUTE_STATUSES.map((s) => ({ value: s, label: s, statuses: [s] })),
];

export interface RecordFilters {
  /** yyyy-mm-dd or '' (no bound). */
  from: string;
  to: string;
  gridId: number | null;
  workerId: number | null;
  status: string | null;
  category: string | null;
  settledLevel: (typeof SETTLED_LEVELS)[number] | null;
  overdue: boolean;
  important: boolean;
  /** Reports' type, services' kind, publicity's topic or form. */
  type: string | null;
  text: string;
}

export const NO_RECORD_FILTERS: RecordFilters = {
  from: '',
  to: '',
  gridId: null,
  workerId: null,
  status: null,
  category: null,
  settledLevel: null,
  overdue: false,
  important: false,
  type: null,
  text: '',
};

/** What the statistics open: a kind and the filters behind one figure. */
export interface RecordQuery {
  kind: RecordKind;
  filters: RecordFilters;
  /** Tells a repeated click on the same figure apart. */
  seq: number;
}

export function recordListInput(
  kind: RecordKind,
  f: RecordFilters,
  { offset, limit }: { offset: number; limit: number },
): RecordListInput {
  return {
    kind,
    from: f.from || null,
    to: f.to || null,
    gridId: f.gridId,
    workerId: f.workerId,
    status: kind === 'disputes' ? (STATUS_CHOICES.find((c) => c.value === f.status)?.statuses ?? []) : [],
    category: kind === 'disputes' ? (f.category ?? '') : '',
    settledLevel: kind === 'disputes' ? f.settledLevel : null,
    overdue: kind === 'disputes' && f.overdue,
    important: kind === 'reports' && f.important,
    type: f.type ?? '',
    text: f.text,
    offset,
    limit,
  };
}

/** Kinds whose records name the worker who did them. */
export const KINDS_WITH_WORKER: readonly RecordKind[] = ['disputes', 'reports', 'services', 'visits'];

/** Today in the office's local time, as yyyy-mm-dd. */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
