/**
 * Each record kind's table, and the one place its fields become a row and back. Services, the
 * ledger importer and the demo all write rows through here, so a field is mapped once.
 */
import type { RecordFields, RecordKind } from '../../../shared/records';
import { normalizeText } from '../../../shared/text';
import type { Database } from '../../db/schema';

type Row<T extends keyof Database> = { [C in keyof Database[T]]?: unknown };

export interface KindTable<K extends RecordKind> {
  table: keyof Database & string;
  /** The column a record counts in a period by. */
  dateColumn: string;
  toRow(fields: RecordFields<K>): Record<string, unknown>;
  fromRow(row: Record<string, unknown>): RecordFields<K>;
  /**
   * What identifies the row in a village's cumulative ledger: a re-import finds it by this and
   * updates it instead of adding it again. Never the ledger's 序号, which villages renumber.
   */
  matchKey(fields: RecordFields<K>): string;
}

/** Parties, summaries: compared without spaces and punctuation a re-typed ledger may change. */
function loose(s: string, max = 40): string {
  return normalizeText(s)
    .replace(/[\s,，、;；.。:：()（）]/g, '')
    .slice(0, max);
}

const key = (...parts: (string | number | null)[]) => parts.map((p) => (p === null ? '' : String(p))).join('|');
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const strOrNull = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

const disputes: KindTable<'disputes'> = {
  table: 'disputes',
  dateColumn: 'found_date',
  toRow: (f) =>
    ({
      grid_id: f.gridId,
      worker_id: f.workerId,
      found_date: f.foundDate,
      place: f.place,
      category: f.category,
      scale: f.scale,
      parties: f.parties,
      people: f.people,
      summary: f.summary,
      status: f.status,
      settled_level: f.settledLevel,
      settle_date: f.settleDate,
      difficulty: f.difficulty,
      deadline: f.deadline,
      notes: f.notes,
    }) satisfies Row<'disputes'>,
  fromRow: (r) => ({
    gridId: num(r.grid_id),
    workerId: numOrNull(r.worker_id),
    foundDate: str(r.found_date),
    place: str(r.place),
    category: str(r.category) as RecordFields<'disputes'>['category'],
    scale: str(r.scale) as RecordFields<'disputes'>['scale'],
    parties: str(r.parties),
    people: numOrNull(r.people),
    summary: str(r.summary),
    status: str(r.status) as RecordFields<'disputes'>['status'],
    settledLevel: strOrNull(r.settled_level) as RecordFields<'disputes'>['settledLevel'],
    settleDate: strOrNull(r.settle_date),
    difficulty: strOrNull(r.difficulty) as RecordFields<'disputes'>['difficulty'],
    deadline: strOrNull(r.deadline),
    notes: str(r.notes),
    // Steps live in their own table: the service adds them.
    steps: [],
  }),
  matchKey: (f) => key(f.gridId, f.foundDate, loose(f.parties), f.category),
};

const reports: KindTable<'reports'> = {
  table: 'info_reports',
  dateColumn: 'report_date',
  toRow: (f) =>
    ({
      grid_id: f.gridId,
      worker_id: f.workerId,
      report_date: f.date,
      report_time: f.time,
      type: f.type,
      summary: f.summary,
      handling: f.handling,
      reported_to: f.reportedTo,
      result: f.result,
      important: f.important ? 1 : 0,
    }) satisfies Row<'info_reports'>,
  fromRow: (r) => ({
    gridId: num(r.grid_id),
    workerId: numOrNull(r.worker_id),
    date: str(r.report_date),
    time: str(r.report_time),
    type: str(r.type) as RecordFields<'reports'>['type'],
    summary: str(r.summary),
    handling: str(r.handling),
    reportedTo: str(r.reported_to),
    result: str(r.result),
    important: num(r.important) === 1,
  }),
  matchKey: (f) => key(f.gridId, f.date, f.type, loose(f.summary, 30)),
};

const publicity: KindTable<'publicity'> = {
  table: 'publicity',
  dateColumn: 'event_date',
  toRow: (f) =>
    ({
      grid_id: f.gridId,
      event_date: f.date,
      date_precision: f.datePrecision,
      topic: f.topic,
      form: f.form,
      households: f.households,
      people: f.people,
      materials: f.materials,
      notes: f.notes,
    }) satisfies Row<'publicity'>,
  fromRow: (r) => ({
    gridId: num(r.grid_id),
    date: str(r.event_date),
    datePrecision: str(r.date_precision) === 'month' ? 'month' : 'day',
    topic: str(r.topic),
    form: str(r.form) as RecordFields<'publicity'>['form'],
    households: num(r.households),
    people: num(r.people),
    materials: num(r.materials),
    notes: str(r.notes),
  }),
  matchKey: (f) => key(f.gridId, f.date, loose(f.topic), f.form),
};

const services: KindTable<'services'> = {
  table: 'services',
  dateColumn: 'service_date',
  toRow: (f) =>
    ({
      grid_id: f.gridId,
      worker_id: f.workerId,
      household_id: f.householdId,
      service_date: f.date,
      kind: f.kind,
      content: f.content,
      result: f.result,
    }) satisfies Row<'services'>,
  fromRow: (r) => ({
    gridId: num(r.grid_id),
    workerId: numOrNull(r.worker_id),
    householdId: numOrNull(r.household_id),
    date: str(r.service_date),
    kind: str(r.kind) as RecordFields<'services'>['kind'],
    content: str(r.content),
    result: str(r.result),
  }),
  matchKey: (f) => key(f.gridId, f.date, f.householdId, f.workerId, f.kind, loose(f.content, 20)),
};

const visits: KindTable<'visits'> = {
  table: 'visits',
  dateColumn: 'visit_date',
  toRow: (f) =>
    ({
      grid_id: f.gridId,
      worker_id: f.workerId,
      visit_date: f.date,
      households: f.households,
      problem_types: JSON.stringify(f.problemTypes),
      problems: Object.values(f.problemTypes).reduce((a, b) => a + (b ?? 0), 0),
      solved: f.solved,
      reported: f.reported,
      notes: f.notes,
    }) satisfies Row<'visits'>,
  fromRow: (r) => ({
    gridId: num(r.grid_id),
    workerId: numOrNull(r.worker_id),
    date: str(r.visit_date),
    households: num(r.households),
    problemTypes: JSON.parse(str(r.problem_types) || '{}') as RecordFields<'visits'>['problemTypes'],
    solved: num(r.solved),
    reported: num(r.reported),
    notes: str(r.notes),
  }),
  matchKey: (f) => key(f.gridId, f.date, f.workerId),
};

const trainings: KindTable<'trainings'> = {
  table: 'trainings',
  dateColumn: 'training_date',
  toRow: (f) =>
    ({
      grid_id: f.gridId,
      training_date: f.date,
      kind: f.kind,
      audience: f.audience,
      place: f.place,
      content: f.content,
      trainer: f.trainer,
      expected: f.expected,
      // Ticked from the roster, the list is the count; otherwise the ledger's number.
      attended: f.attendees.length > 0 ? f.attendees.length : f.attended,
    }) satisfies Row<'trainings'>,
  fromRow: (r) => ({
    gridId: num(r.grid_id),
    date: str(r.training_date),
    kind: str(r.kind) as RecordFields<'trainings'>['kind'],
    audience: str(r.audience),
    place: str(r.place),
    content: str(r.content),
    trainer: str(r.trainer),
    expected: numOrNull(r.expected),
    // Attendees live in their own table: the service adds them.
    attendees: [],
    attended: num(r.attended),
  }),
  matchKey: (f) => key(f.gridId, f.date, f.kind, loose(f.content, 30)),
};

const wechatGroups: KindTable<'wechatGroups'> = {
  table: 'wechat_groups',
  dateColumn: 'updated_at',
  toRow: (f) =>
    ({
      grid_id: f.gridId,
      name: f.name,
      owner: f.owner,
      members: f.members,
      households: f.households,
      notes: f.notes,
    }) satisfies Row<'wechat_groups'>,
  fromRow: (r) => ({
    gridId: num(r.grid_id),
    name: str(r.name),
    owner: str(r.owner),
    members: num(r.members),
    households: num(r.households),
    notes: str(r.notes),
  }),
  // One group per grid: the grid is its identity (the table has no match_key column).
  matchKey: (f) => key(f.gridId),
};

export const KIND_TABLES: { [K in RecordKind]: KindTable<K> } = {
  disputes,
  reports,
  publicity,
  services,
  visits,
  trainings,
  wechatGroups,
};

/** A new row of a kind, stamped: what every writer of records inserts. */
export function newRecordRow<K extends RecordKind>(
  kind: K,
  fields: RecordFields<K>,
  ts: string,
): Record<string, unknown> {
  const t = KIND_TABLES[kind];
  const row = { ...t.toRow(fields), created_at: ts, updated_at: ts };
  return kind === 'wechatGroups' ? row : { ...row, match_key: t.matchKey(fields) };
}
