import { RECORD_LABELS, recordsApi, type RecordKind, type RecordView } from '../../../shared/records';
import { defineHandlers } from '../../ipc/define';
import { describeChanges } from '../audit/audit';
import { gridPaths } from '../grids/queries';
import { bulkCreate } from './bulk';
import { fieldLabels } from './fields';
import { listRecords, timeline } from './list';
import * as records from './records';
import { recordStats } from './stats';
import { gridsWithoutGroup } from './wechat';

/** How the 操作日志 names a record: its kind, grid and date, then its one line. */
const recordLine = (v: RecordView) => `${v.gridLabel}，${v.date}，${v.summary}`;

function changes(kind: RecordKind, before: RecordView, after: RecordView): string {
  const labels = { ...fieldLabels(kind), gridLabel: '网格', workerName: '网格员', householdName: '住户' };
  delete (labels as Record<string, string>).gridId;
  delete (labels as Record<string, string>).workerId;
  delete (labels as Record<string, string>).householdId;
  const flat = (v: RecordView) => {
    const f = v.fields as Record<string, unknown>;
    const out: Record<string, unknown> = {
      ...f,
      gridLabel: v.gridLabel,
      workerName: v.workerName,
      householdName: v.householdName,
    };
    if (Array.isArray(f.steps))
      out.steps = (f.steps as { date: string; action: string }[]).map((s) => `${s.date} ${s.action}`);
    if (f.problemTypes) out.problemTypes = Object.entries(f.problemTypes).map(([k, n]) => `${k} ${String(n)}`);
    if (typeof f.important === 'boolean') out.important = f.important ? '是' : '否';
    return out;
  };
  return describeChanges(flat(before), flat(after), labels);
}

export const recordsHandlers = defineHandlers(recordsApi, {
  'records/gridsWithoutGroup': ({ db }, { gridId }) => gridsWithoutGroup(db, gridId),
  'records/list': ({ db }, input) => listRecords(db, input),
  'records/get': ({ db }, { kind, id }) => records.getRecord(db, kind, id),
  'records/create': async ({ db, audit }, input) => {
    const v = await records.createRecord(db, input);
    audit.record({ entity: RECORD_LABELS[v.kind], entityId: v.id, summary: recordLine(v) });
    return v;
  },
  'records/update': async ({ db, audit }, input) => {
    const before = await records.getRecord(db, input.kind, input.id);
    const v = await records.updateRecord(db, input);
    audit.record({
      entity: RECORD_LABELS[v.kind],
      entityId: v.id,
      summary: `${recordLine(before)}：${changes(v.kind, before, v)}`,
    });
    return v;
  },
  'records/delete': async ({ db, audit }, { kind, id }) => {
    const before = await records.getRecord(db, kind, id);
    const r = await records.deleteRecord(db, kind, id);
    audit.record({ entity: RECORD_LABELS[kind], entityId: id, summary: recordLine(before) });
    return r;
  },
  'records/bulkCreate': async ({ db, audit }, input) => {
    const { created, ids, fields } = await bulkCreate(db, input);
    const label = RECORD_LABELS[input.kind];
    const grids = [...new Set(fields.map((f) => f.gridId))];
    const paths = await gridPaths(db, grids);
    const names = grids.slice(0, 3).map((g) => paths.get(g)?.label ?? '');
    const dates = fields
      .map((f) => String((f as Record<string, unknown>).date ?? (f as Record<string, unknown>).foundDate ?? ''))
      .filter(Boolean)
      .sort();
    const span = dates.length > 0 ? `，${dates[0]}～${dates[dates.length - 1]}` : '';
    audit.record({
      entity: label,
      summary: `批量录入 ${created} 条${label}${span}，${names.join('、')}${grids.length > 3 ? ` 等 ${grids.length} 个网格` : ''}`,
      counts: { [label]: created },
    });
    return { created, ids };
  },
  'records/timeline': ({ db }, input) => timeline(db, input),
  'records/stats': ({ db }, input) => recordStats(db, input),
});
