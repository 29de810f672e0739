/**
 * Matches parsed rows against the database: which grids, workers, assignments and households
 * an import would create, update or leave unchanged. Pure planning — `applyPlan` writes it.
 */
import type { GridLevel } from '../../shared/grids';
import type { CodeScheme } from '../../shared/settings';
import type { DbOrTrx } from '../db/schema';
import { codeShape, nextFreeCode } from '../services/grids/codes';
import type { HouseholdRecord, RowError, WorkerRecord } from './parse';

import type { Counts } from '../../shared/imports';
export type { Counts };

export const zeroCounts = (): Counts => ({ grids: 0, workers: 0, assignments: 0, households: 0 });

/** A grid already in the database (id > 0) or one the import creates (id < 0). */
interface GridRef {
  id: number;
  parentId: number | null;
  level: GridLevel;
  name: string;
  code: string;
}

interface NewGrid extends GridRef {
  kind: string | null;
}

interface WorkerPlan {
  id: number | null; // null: new
  record: WorkerRecord;
  change: 'create' | 'update' | 'unchanged';
}

interface AssignmentPlan {
  workerKey: string; // ID number
  gridId: number;
  role: string;
  title: string;
  startDate: string | null;
  existingId: number | null;
  change: 'create' | 'update' | 'unchanged';
}

interface HouseholdPlan {
  id: number | null;
  gridId: number;
  record: HouseholdRecord;
  change: 'create' | 'update' | 'unchanged';
}

export interface Plan {
  newGrids: NewGrid[];
  renamedGrids: { id: number; name: string }[];
  workers: WorkerPlan[];
  assignments: AssignmentPlan[];
  /** Current assignments that a roster replaces (another person now holds that grid and role). */
  endedAssignments: { id: number; endDate: string | null }[];
  households: HouseholdPlan[];
  errors: RowError[];
  created: Counts;
  updated: Counts;
  unchanged: Counts;
}

const LEVEL_NAME_FIELD = { 1: 'township', 2: 'village', 3: 'group', 4: 'gridName' } as const;
const LEVEL_LABEL = { 1: '镇', 2: '村（社区）', 3: '村民小组', 4: '户级网格' } as const;

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

/** The grid tree as the import sees it: existing grids plus the ones it will create. */
class GridIndex {
  private byCode = new Map<string, GridRef>();
  private byId = new Map<number, GridRef>();
  private byParentName = new Map<string, GridRef>();
  private childCodes = new Map<string, string[]>();
  private nextTemp = -1;
  readonly created: NewGrid[] = [];
  readonly renamed = new Map<number, string>();

  constructor(
    rows: GridRef[],
    private readonly scheme: CodeScheme,
  ) {
    for (const r of rows) this.add(r);
  }

  private add(g: GridRef): void {
    this.byCode.set(g.code, g);
    this.byId.set(g.id, g);
    const key = `${g.parentId ?? 'root'}|${g.name}`;
    if (!this.byParentName.has(key)) this.byParentName.set(key, g);
    const pk = String(g.parentId ?? 'root');
    const list = this.childCodes.get(pk);
    if (list) list.push(g.code);
    else this.childCodes.set(pk, [g.code]);
  }

  /** A grid and its ancestors' ids. */
  lineage(id: number): number[] {
    const out: number[] = [];
    for (let g = this.byId.get(id); g; g = g.parentId === null ? undefined : this.byId.get(g.parentId)) out.push(g.id);
    return out;
  }

  code(code: string): GridRef | undefined {
    return this.byCode.get(code);
  }

  child(parentId: number | null, name: string): GridRef | undefined {
    return this.byParentName.get(`${parentId ?? 'root'}|${name}`);
  }

  /** The only township, when there is exactly one (a township office's own database). */
  soleTownship(): GridRef | undefined {
    const roots = [...this.byId.values()].filter((g) => g.parentId === null);
    return roots.length === 1 ? roots[0] : undefined;
  }

  /** Creates a grid, keeping the roster's code when it is free, else the next free code. */
  create(parent: GridRef | null, level: GridLevel, name: string, wanted: string | null): GridRef | null {
    let code = wanted && !this.byCode.has(wanted) ? wanted : null;
    if (!code) {
      const shape = codeShape(level, parent?.code ?? null, this.scheme);
      code = nextFreeCode(shape, this.childCodes.get(String(parent?.id ?? 'root')) ?? []);
      while (code && this.byCode.has(code)) {
        code = nextFreeCode(shape, [...(this.childCodes.get(String(parent?.id ?? 'root')) ?? []), code]);
      }
    }
    if (!code) return null;
    const g: NewGrid = {
      id: this.nextTemp--,
      parentId: parent?.id ?? null,
      level,
      name,
      code,
      kind: level === 2 ? (name.endsWith('社区') ? '社区' : '村') : null,
    };
    this.add(g);
    this.created.push(g);
    return g;
  }

  /** The parent's code implied by a child's code under the scheme (roster codes usually extend their parent's). */
  parentCodeOf(code: string, childLevel: GridLevel): string | null {
    const digits = this.scheme.digits[childLevel - 1] ?? 2;
    return code.length > digits ? code.slice(0, code.length - digits) : null;
  }

  /** The level a code's length implies under the scheme, if any. */
  levelOfCode(code: string): GridLevel | null {
    let len = this.scheme.prefix.length;
    for (let l = 1; l <= 4; l++) {
      len += this.scheme.digits[l - 1] ?? 2;
      if (code.length === len) return l as GridLevel;
    }
    return null;
  }
}

type Path = { township: string; village: string; group: string; gridCode: string; gridName: string };

/**
 * Finds or creates the grid at `level` for a row. `hint` is a code the grid probably has
 * (the row's own code, or one derived from a child's).
 */
function resolveGrid(
  index: GridIndex,
  path: Path,
  level: GridLevel,
  hint: string | null,
  fail: (column: keyof Path, message: string) => void,
): GridRef | null {
  if (hint) {
    const byCode = index.code(hint);
    if (byCode && byCode.level === level) return byCode;
  }
  const name = path[LEVEL_NAME_FIELD[level]];
  let parent: GridRef | null = null;
  if (level > 1) {
    const parentHint = hint ? index.parentCodeOf(hint, level) : null;
    parent = resolveGrid(index, path, (level - 1) as GridLevel, parentHint, fail);
    if (!parent) return null;
  }
  if (name) {
    const existing = index.child(parent?.id ?? null, name);
    if (existing) return existing;
  } else if (level === 1) {
    // Village rosters often leave out the township: in a one-township database it is that one.
    const sole = index.soleTownship();
    if (sole) return sole;
  }
  let ownName = name;
  if (!ownName && level === 4 && hint && parent) {
    const suffix = hint.startsWith(parent.code) ? Number(hint.slice(parent.code.length)) : NaN;
    ownName = Number.isFinite(suffix) && suffix > 0 ? `${parent.name}第${suffix}网格` : `网格${hint}`;
  }
  if (!ownName) {
    fail(LEVEL_NAME_FIELD[level], `缺少${LEVEL_LABEL[level]}名称，无法确定或建立该网格`);
    return null;
  }
  const wanted = hint && parent && !hint.startsWith(parent.code) ? null : hint;
  const created = index.create(parent, level, ownName, wanted);
  if (!created) fail('gridCode', `“${parent?.name ?? ''}”之下的网格编码已用完，无法建立“${ownName}”`);
  return created;
}

/** The grid a row names: by its code when the code is known, else by the names along its path. */
function gridForRow(
  index: GridIndex,
  path: Path,
  level: GridLevel | null,
  fail: (column: keyof Path | 'level', message: string) => void,
): GridRef | null {
  if (path.gridCode) {
    const existing = index.code(path.gridCode);
    if (existing) {
      if (level !== null && existing.level !== level) {
        fail(
          'gridCode',
          `网格编码 ${path.gridCode} 已属于“${existing.name}”（${LEVEL_LABEL[existing.level]}），与本行的级别“${level}级”不符`,
        );
        return null;
      }
      const ownName = path[LEVEL_NAME_FIELD[existing.level]];
      if (ownName && ownName !== existing.name && existing.level < 4) {
        // Rows name grids along their path; a differing name under the same code is a rename.
        if (existing.id > 0) index.renamed.set(existing.id, ownName);
      }
      return existing;
    }
  }
  const lvl = level ?? (path.gridCode ? index.levelOfCode(path.gridCode) : null) ?? inferLevel(path);
  if (lvl === null) {
    fail('level', '无法判断网格级别，请填写“级别”列（一级、二级、三级、四级）');
    return null;
  }
  return resolveGrid(index, path, lvl, path.gridCode || null, fail);
}

function inferLevel(path: Path): GridLevel | null {
  if (path.gridName) return 4;
  if (path.group) return 3;
  if (path.village) return 2;
  if (path.township) return 1;
  return null;
}

export async function buildPlan(
  db: DbOrTrx,
  scheme: CodeScheme,
  workers: WorkerRecord[],
  households: HouseholdRecord[],
  parseErrors: RowError[],
  /** The header a field has in a sheet (for error columns). */
  headerOf: (sheet: string, field: string) => string,
): Promise<Plan> {
  const plan: Plan = {
    newGrids: [],
    renamedGrids: [],
    workers: [],
    assignments: [],
    endedAssignments: [],
    households: [],
    errors: [...parseErrors],
    created: zeroCounts(),
    updated: zeroCounts(),
    unchanged: zeroCounts(),
  };
  const gridRows = await db.selectFrom('grids').select(['id', 'parent_id', 'level', 'name', 'code']).execute();
  const index = new GridIndex(
    gridRows.map((r) => ({ id: r.id, parentId: r.parent_id, level: r.level as GridLevel, name: r.name, code: r.code })),
    scheme,
  );
  const failer = (rec: { sheet: string; row: number }) => (field: string, message: string) =>
    plan.errors.push({ sheet: rec.sheet, row: rec.row, column: headerOf(rec.sheet, field), message });

  // ---- workers and assignments
  if (workers.length) {
    const existing = new Map((await db.selectFrom('workers').selectAll().execute()).map((w) => [w.id_number, w]));
    const tagRows = await db.selectFrom('worker_tags').select(['worker_id', 'tag']).execute();
    const tagsById = new Map<number, string[]>();
    for (const t of tagRows) tagsById.set(t.worker_id, [...(tagsById.get(t.worker_id) ?? []), t.tag]);
    const current = await db
      .selectFrom('assignments')
      .select(['id', 'worker_id', 'grid_id', 'role', 'title', 'start_date'])
      .where('end_date', 'is', null)
      .execute();
    const workerIdByKey = new Map<string, number>();
    const seen = new Map<string, WorkerRecord>();
    const assignmentKeys = new Set<string>();
    const holdersInFile = new Map<string, Set<string>>(); // `${gridId}|${role}` → ID numbers

    for (const rec of workers) {
      const fail = failer(rec);
      const first = seen.get(rec.idNumber);
      if (first && first.name !== rec.name) {
        fail(
          'name',
          `同一身份证号在第 ${first.row} 行（工作表 ${first.sheet}）登记为“${first.name}”，此处为“${rec.name}”`,
        );
        continue;
      }
      const grid = gridForRow(index, rec, rec.level, fail);
      if (!grid) continue;
      if (!first) {
        seen.set(rec.idNumber, rec);
        const old = existing.get(rec.idNumber);
        if (!old) {
          plan.workers.push({ id: null, record: rec, change: 'create' });
        } else {
          workerIdByKey.set(rec.idNumber, old.id);
          const same =
            old.name === rec.name &&
            old.gender === rec.gender &&
            old.phone === rec.phone &&
            old.political_status === rec.politicalStatus &&
            (rec.education === '' || old.education === rec.education) &&
            (rec.notes === '' || old.notes === rec.notes) &&
            old.status === '在岗' &&
            sameSet(tagsById.get(old.id) ?? [], rec.tags);
          plan.workers.push({ id: old.id, record: rec, change: same ? 'unchanged' : 'update' });
        }
      }
      const key = `${rec.idNumber}|${grid.id}|${rec.role}`;
      if (assignmentKeys.has(key)) continue;
      assignmentKeys.add(key);
      const holders = holdersInFile.get(`${grid.id}|${rec.role}`) ?? new Set<string>();
      holders.add(rec.idNumber);
      holdersInFile.set(`${grid.id}|${rec.role}`, holders);
      const workerId = workerIdByKey.get(rec.idNumber);
      const match =
        workerId !== undefined
          ? current.find((a) => a.worker_id === workerId && a.grid_id === grid.id && a.role === rec.role)
          : undefined;
      if (match) {
        const same = match.title === rec.title && (rec.startDate === null || match.start_date === rec.startDate);
        plan.assignments.push({
          workerKey: rec.idNumber,
          gridId: grid.id,
          role: rec.role,
          title: rec.title,
          startDate: rec.startDate ?? match.start_date,
          existingId: match.id,
          change: same ? 'unchanged' : 'update',
        });
      } else {
        plan.assignments.push({
          workerKey: rec.idNumber,
          gridId: grid.id,
          role: rec.role,
          title: rec.title,
          startDate: rec.startDate,
          existingId: null,
          change: 'create',
        });
      }
    }
    // Whoever currently holds a grid and role that the roster gives to others steps down.
    const idByWorkerId = new Map([...existing.values()].map((w) => [w.id, w.id_number]));
    for (const a of current) {
      const holders = holdersInFile.get(`${a.grid_id}|${a.role}`);
      if (!holders || holders.has(idByWorkerId.get(a.worker_id) ?? '')) continue;
      const incoming = plan.assignments.find(
        (p) => p.gridId === a.grid_id && p.role === a.role && p.change === 'create',
      );
      plan.endedAssignments.push({ id: a.id, endDate: incoming?.startDate ?? null });
    }
  }

  // ---- households
  if (households.length) {
    const existing = await db
      .selectFrom('households')
      .select(['id', 'grid_id', 'head_name', 'id_number', 'phone', 'address', 'door_number', 'members', 'notes'])
      .execute();
    const byId = new Map(existing.filter((h) => h.id_number).map((h) => [h.id_number!, h]));
    const byKey = new Map(existing.map((h) => [`${h.grid_id}|${h.head_name}|${h.door_number || h.address}`, h]));
    const tagRows = await db.selectFrom('household_tags').select(['household_id', 'tag']).execute();
    const tagsById = new Map<number, string[]>();
    for (const t of tagRows) tagsById.set(t.household_id, [...(tagsById.get(t.household_id) ?? []), t.tag]);
    const seenIds = new Map<string, HouseholdRecord>();
    const seenKeys = new Set<string>();
    for (const rec of households) {
      const fail = failer(rec);
      if (rec.idNumber) {
        const first = seenIds.get(rec.idNumber);
        if (first) {
          fail('idNumber', `身份证号与第 ${first.row} 行（工作表 ${first.sheet}，户主“${first.headName}”）重复`);
          continue;
        }
        seenIds.set(rec.idNumber, rec);
      }
      const grid = gridForRow(index, rec, 4, fail);
      if (!grid) continue;
      const key = `${grid.id}|${rec.headName}|${rec.doorNumber || rec.address}`;
      if (!rec.idNumber && seenKeys.has(key)) {
        fail('headName', `同一网格中已有户主“${rec.headName}”、住址相同的住户（重复行）`);
        continue;
      }
      seenKeys.add(key);
      const old = (rec.idNumber ? byId.get(rec.idNumber) : undefined) ?? (grid.id > 0 ? byKey.get(key) : undefined);
      if (!old) {
        plan.households.push({ id: null, gridId: grid.id, record: rec, change: 'create' });
        continue;
      }
      const same =
        old.grid_id === grid.id &&
        old.head_name === rec.headName &&
        (old.id_number ?? '') === rec.idNumber &&
        old.phone === rec.phone &&
        old.address === rec.address &&
        old.door_number === rec.doorNumber &&
        old.members === rec.members &&
        old.notes === rec.notes &&
        sameSet(tagsById.get(old.id) ?? [], rec.tags);
      plan.households.push({ id: old.id, gridId: grid.id, record: rec, change: same ? 'unchanged' : 'update' });
    }
  }

  plan.newGrids = index.created;
  plan.renamedGrids = [...index.renamed].map(([id, name]) => ({ id, name }));
  // Unchanged grids: existing ones the rows name, with their ancestors.
  const touchedGrids = new Set<number>();
  for (const item of [...plan.assignments, ...plan.households]) {
    if (touchedGrids.has(item.gridId)) continue;
    for (const id of index.lineage(item.gridId)) touchedGrids.add(id);
  }
  plan.created.grids = plan.newGrids.length;
  plan.updated.grids = plan.renamedGrids.length;
  plan.unchanged.grids = [...touchedGrids].filter((id) => id > 0 && !index.renamed.has(id)).length;
  for (const [list, key] of [
    [plan.workers, 'workers'],
    [plan.assignments, 'assignments'],
    [plan.households, 'households'],
  ] as const) {
    for (const item of list) {
      if (item.change === 'create') plan.created[key] += 1;
      else if (item.change === 'update') plan.updated[key] += 1;
      else plan.unchanged[key] += 1;
    }
  }
  plan.updated.assignments += plan.endedAssignments.length;
  plan.errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet < b.sheet ? -1 : 1));
  return plan;
}
