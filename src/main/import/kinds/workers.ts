/**
 * 网格员花名册: one row per person and grid. A person serving two grids is one worker with two
 * assignments; when a roster gives a grid and role to someone else, the previous holder's
 * assignment ends (history kept).
 */
import { todayIso } from '../../../shared/dates';
import type { GridLevel } from '../../../shared/grids';
import { idInfo } from '../../../shared/idcard';
import { FIELD_LABELS, WORKER_FIELDS, type Replacement } from '../../../shared/imports';
import { POLITICAL_STATUSES, type Gender, type Role, type WorkerFields } from '../../../shared/people';
import type { DbOrTrx } from '../../db/schema';
import { gridPaths } from '../../services/grids/queries';
import {
  currentAssignmentList,
  endAssignmentsOn,
  insertAssignments,
  insertWorkers,
  patchWorker,
  updateAssignmentTerms,
  workerSnapshots,
  type CurrentAssignment,
  type WorkerPatch,
  type WorkerSnapshot,
} from '../../services/workers/rows';
import { splitTags } from '../cells';
import { synonymsFor } from '../fields';
import type { GridPath, RowReader } from '../row-reader';
import {
  sameSet,
  tallyChanges,
  type ApplyContext,
  type Change,
  type ImportKind,
  type KindChanges,
  type PlanContext,
  type RecordOrigin,
} from './types';

export interface WorkerRecord extends RecordOrigin, GridPath {
  level: GridLevel | null;
  name: string;
  gender: Gender;
  idNumber: string;
  phone: string;
  politicalStatus: string;
  education: string;
  tags: string[];
  title: string;
  role: Role;
  startDate: string | null;
  notes: string;
}

const SYNONYMS = synonymsFor(WORKER_FIELDS, {
  name: ['姓名', '网格员姓名', '网格员', '名字', '人员姓名'],
  gender: ['性别'],
  politicalStatus: ['政治面貌'],
  education: ['学历', '文化程度'],
  title: ['担任职务', '职务', '现任职务', '职务（职位）'],
  role: ['角色', '网格角色', '网格职责'],
  startDate: ['任职日期', '任职时间', '上岗时间', '任职起始日期', '担任时间', '任职起始时间', '聘任时间'],
});

const POLITICAL_ALIASES: Record<string, string> = {
  党员: '中共党员',
  共产党员: '中共党员',
  中国共产党党员: '中共党员',
  预备党员: '中共预备党员',
  团员: '共青团员',
  共青团: '共青团员',
  无: '群众',
};

// ---- parse

/** The gender column, checked against the ID number (which decides when the column is blank). */
function readGender(r: RowReader, idNumber: string): Gender | null {
  let gender: Gender | null = null;
  const g = r.text('gender').replace(/性$/, '');
  if (g === '男' || g === '女') gender = g;
  else if (g) r.fail('gender', `性别应为“男”或“女”，现为“${g}”`);
  if (idNumber) {
    const fromId = idInfo(idNumber).gender;
    if (gender && gender !== fromId) r.fail('gender', `性别“${gender}”与身份证号不符（身份证号显示为${fromId}）`);
    gender ??= fromId;
  }
  return gender;
}

function readPoliticalStatus(r: RowReader): string {
  const text = r.text('politicalStatus').replace(/\s/g, '');
  const status = POLITICAL_ALIASES[text] ?? text;
  if (status && !(POLITICAL_STATUSES as readonly string[]).includes(status) && status.length > 20) {
    r.fail('politicalStatus', '政治面貌过长');
  }
  return status;
}

/** 网格长 for a group (level 3) unless the role column says otherwise. */
function readRole(r: RowReader, level: GridLevel | null): Role {
  const roleText = r.text('role');
  if (roleText.includes('网格长')) return '网格长';
  if (roleText.includes('网格员')) return '网格员';
  if (roleText) r.fail('role', `网格角色应为“网格员”或“网格长”，现为“${roleText}”`);
  return level === 3 ? '网格长' : '网格员';
}

function parseWorker(r: RowReader): WorkerRecord | null {
  const path = r.place();
  const name = r.name('name');
  const idNumber = r.idNumber(true);
  const gender = readGender(r, idNumber);
  const phone = r.phone(true);
  const level = r.level();
  const politicalStatus = readPoliticalStatus(r);
  const role = readRole(r, level);
  const startDate = r.date('startDate');
  if (!path.gridCode && !path.township && !path.village && !path.group && !path.gridName) {
    r.fail(r.has('gridCode') ? 'gridCode' : 'township', '没有填写所在网格（网格编码，或镇、村、组）');
  }
  if (r.errors.length) return null;
  return Object.assign(path, {
    level,
    name,
    gender: gender!,
    idNumber,
    phone,
    politicalStatus: politicalStatus || '群众',
    education: r.text('education'),
    tags: splitTags(r.text('tags')),
    title: r.text('title'),
    role,
    startDate,
    notes: r.text('notes'),
  });
}

// ---- plan

interface WorkerItem {
  id: number | null; // null: new
  record: WorkerRecord;
  change: Change;
}

interface AssignmentItem {
  workerKey: string; // ID number
  gridId: number;
  role: string;
  title: string;
  startDate: string | null;
  existingId: number | null;
  change: Change;
}

export interface WorkerPlan extends KindChanges {
  workers: WorkerItem[];
  assignments: AssignmentItem[];
  /** Current assignments the roster gives to someone else: they end on the newcomer's start date. */
  ended: { id: number; endDate: string | null }[];
}

/** What planning compares with, and what it has seen of the file so far. */
interface WorkerState {
  registered: Map<string, WorkerSnapshot>;
  current: CurrentAssignment[];
  seen: Map<string, WorkerRecord>;
  assignmentKeys: Set<string>;
  /** `${gridId}|${role}` → the ID numbers the file gives that grid and role. */
  holders: Map<string, Set<string>>;
}

function workerItem(rec: WorkerRecord, old: WorkerSnapshot | undefined): WorkerItem {
  if (!old) return { id: null, record: rec, change: 'create' };
  // A blank education or notes cell keeps what is on file.
  const same =
    old.name === rec.name &&
    old.gender === rec.gender &&
    old.phone === rec.phone &&
    old.politicalStatus === rec.politicalStatus &&
    (rec.education === '' || old.education === rec.education) &&
    (rec.notes === '' || old.notes === rec.notes) &&
    old.status === '在岗' &&
    sameSet(old.tags, rec.tags);
  return { id: old.id, record: rec, change: same ? 'unchanged' : 'update' };
}

/** The record's assignment, or null when the file already gave this person this grid and role. */
function assignmentItem(state: WorkerState, rec: WorkerRecord, gridId: number): AssignmentItem | null {
  const key = `${rec.idNumber}|${gridId}|${rec.role}`;
  if (state.assignmentKeys.has(key)) return null;
  state.assignmentKeys.add(key);
  const holders = state.holders.get(`${gridId}|${rec.role}`) ?? new Set<string>();
  holders.add(rec.idNumber);
  state.holders.set(`${gridId}|${rec.role}`, holders);
  const workerId = state.registered.get(rec.idNumber)?.id;
  const match =
    workerId !== undefined
      ? state.current.find((a) => a.workerId === workerId && a.gridId === gridId && a.role === rec.role)
      : undefined;
  const base = { workerKey: rec.idNumber, gridId, role: rec.role, title: rec.title };
  if (!match) return { ...base, startDate: rec.startDate, existingId: null, change: 'create' };
  const same = match.title === rec.title && (rec.startDate === null || match.startDate === rec.startDate);
  return {
    ...base,
    startDate: rec.startDate ?? match.startDate,
    existingId: match.id,
    change: same ? 'unchanged' : 'update',
  };
}

/** Whoever currently holds a grid and role that the roster gives to others steps down. */
function endedAssignments(state: WorkerState, assignments: AssignmentItem[]): WorkerPlan['ended'] {
  const idNumberOf = new Map([...state.registered.values()].map((w) => [w.id, w.idNumber]));
  const ended: WorkerPlan['ended'] = [];
  for (const a of state.current) {
    const holders = state.holders.get(`${a.gridId}|${a.role}`);
    if (!holders || holders.has(idNumberOf.get(a.workerId) ?? '')) continue;
    const incoming = assignments.find((p) => p.gridId === a.gridId && p.role === a.role && p.change === 'create');
    ended.push({ id: a.id, endDate: incoming?.startDate ?? null });
  }
  return ended;
}

async function planWorkers(ctx: PlanContext, records: WorkerRecord[]): Promise<WorkerPlan> {
  const state: WorkerState = {
    registered: new Map((await workerSnapshots(ctx.db)).map((w) => [w.idNumber, w])),
    current: await currentAssignmentList(ctx.db),
    seen: new Map(),
    assignmentKeys: new Set(),
    holders: new Map(),
  };
  const workers: WorkerItem[] = [];
  const assignments: AssignmentItem[] = [];
  for (const rec of records) {
    const first = state.seen.get(rec.idNumber);
    if (first && first.name !== rec.name) {
      const where = `第 ${first.row} 行（工作表 ${first.sheet}）`;
      ctx.fail(rec, 'name', `同一身份证号在${where}登记为“${first.name}”，此处为“${rec.name}”`);
      continue;
    }
    const grid = ctx.gridFor(rec, rec.level);
    if (!grid) continue;
    if (!first) {
      state.seen.set(rec.idNumber, rec);
      workers.push(workerItem(rec, state.registered.get(rec.idNumber)));
    }
    const assignment = assignmentItem(state, rec, grid.id);
    if (assignment) assignments.push(assignment);
  }
  const ended = endedAssignments(state, assignments);
  const plan = summarise(workers, assignments, ended);
  plan.replaced = await replacements(ctx.db, state, ended);
  return plan;
}

/** The holders whose assignments end, named with their grid and whom the roster puts there instead. */
async function replacements(db: DbOrTrx, state: WorkerState, ended: WorkerPlan['ended']): Promise<Replacement[]> {
  const endedIds = new Set(ended.map((e) => e.id));
  const leaving = state.current.filter((a) => endedIds.has(a.id));
  if (leaving.length === 0) return [];
  const paths = await gridPaths(db, [...new Set(leaving.map((a) => a.gridId))]);
  const names = new Map([...state.registered.values()].map((w) => [w.id, w.name]));
  return leaving.map((a) => ({
    name: names.get(a.workerId) ?? '',
    grid: paths.get(a.gridId)?.label ?? '',
    role: a.role,
    by: [...(state.holders.get(`${a.gridId}|${a.role}`) ?? [])].map((id) => state.seen.get(id)?.name ?? ''),
  }));
}

function summarise(workers: WorkerItem[], assignments: AssignmentItem[], ended: WorkerPlan['ended']): WorkerPlan {
  const plan: WorkerPlan = {
    workers,
    assignments,
    ended,
    created: {},
    updated: {},
    unchanged: {},
    gridIds: assignments.map((a) => a.gridId),
    size: workers.length + assignments.length,
  };
  tallyChanges(plan, 'workers', workers);
  tallyChanges(plan, 'assignments', assignments);
  plan.updated.assignments! += ended.length;
  return plan;
}

// ---- apply

function workerFields(r: WorkerRecord): WorkerFields {
  return {
    name: r.name,
    gender: r.gender,
    idNumber: r.idNumber,
    phone: r.phone,
    politicalStatus: r.politicalStatus,
    education: r.education,
    tags: r.tags,
    status: '在岗',
    notes: r.notes,
  };
}

/** A roster row back in post: blank education or notes keep what is on file. */
function rosterPatch(r: WorkerRecord): WorkerPatch {
  return {
    name: r.name,
    gender: r.gender,
    phone: r.phone,
    politicalStatus: r.politicalStatus,
    education: r.education || undefined,
    notes: r.notes || undefined,
    status: '在岗',
    tags: r.tags,
  };
}

/** Writes new and changed workers; returns every planned worker's id by ID number. */
async function writeWorkers(db: DbOrTrx, items: WorkerItem[], ctx: ApplyContext): Promise<Map<string, number>> {
  const creates = items.filter((w) => w.change === 'create');
  const newIds = await insertWorkers(
    db,
    creates.map((w) => workerFields(w.record)),
    ctx.ts,
    ctx.step,
  );
  const ids = new Map(creates.map((w, j) => [w.record.idNumber, newIds[j]!]));
  for (const w of items) {
    if (w.id === null) continue;
    ids.set(w.record.idNumber, w.id);
    if (w.change === 'update') await patchWorker(db, w.id, rosterPatch(w.record), ctx.ts);
  }
  await ctx.step(items.length - creates.length);
  return ids;
}

async function writeAssignments(db: DbOrTrx, plan: WorkerPlan, workerIds: Map<string, number>, ctx: ApplyContext) {
  await endAssignmentsOn(
    db,
    plan.ended.map((e) => ({ id: e.id, endDate: e.endDate ?? todayIso() })),
    ctx.ts,
  );
  const creates = plan.assignments.filter((a) => a.change === 'create');
  await insertAssignments(
    db,
    creates.map((a) => ({
      workerId: workerIds.get(a.workerKey)!,
      gridId: ctx.gridId(a.gridId),
      role: a.role,
      title: a.title,
      startDate: a.startDate,
    })),
    ctx.ts,
  );
  for (const a of plan.assignments) {
    if (a.change !== 'update' || a.existingId === null) continue;
    await updateAssignmentTerms(db, a.existingId, { title: a.title, startDate: a.startDate }, ctx.ts);
  }
  await ctx.step(plan.assignments.length);
}

export const workersKind: ImportKind<WorkerRecord, WorkerPlan> = {
  name: 'workers',
  noun: '网格员',
  fields: WORKER_FIELDS,
  labels: FIELD_LABELS,
  synonyms: SYNONYMS,
  person: 'name',
  required: ['name', 'idNumber'],
  countKeys: ['workers', 'assignments'],
  parseRow: parseWorker,
  plan: planWorkers,
  async apply(db, plan, ctx) {
    const ids = await writeWorkers(db, plan.workers, ctx);
    await writeAssignments(db, plan, ids, ctx);
  },
};
