/** The state-now parts of a report row: the grid tree, households, the roster and WeChat groups. */
import { AGE_BANDS, EDUCATION_GROUPS, type VillageFigures } from '../../../shared/reports';
import type { DbOrTrx } from '../../db/schema';

export interface GridNode {
  id: number;
  parentId: number | null;
  level: number;
  name: string;
  code: string;
}

/** The grid tree in memory: a township holds a few thousand grids at most. */
export interface Tree {
  byId: Map<number, GridNode>;
  /** The village (level 2) each grid lies in; null for the township's own grid. */
  villageOf: (gridId: number) => number | null;
}

export async function loadTree(db: DbOrTrx): Promise<Tree> {
  const rows = await db.selectFrom('grids').select(['id', 'parent_id', 'level', 'name', 'code']).execute();
  const byId = new Map<number, GridNode>(
    rows.map((r) => [r.id, { id: r.id, parentId: r.parent_id, level: r.level, name: r.name, code: r.code }]),
  );
  const memo = new Map<number, number | null>();
  const villageOf = (gridId: number): number | null => {
    if (memo.has(gridId)) return memo.get(gridId)!;
    const g = byId.get(gridId);
    let v: number | null = null;
    if (g && g.level === 2) v = g.id;
    else if (g && g.level > 2 && g.parentId !== null) v = villageOf(g.parentId);
    memo.set(gridId, v);
    return v;
  };
  return { byId, villageOf };
}

export type RosterPart = Pick<
  VillageFigures,
  | 'groups'
  | 'householdGrids'
  | 'households'
  | 'gridsOutsideRule'
  | 'workers'
  | 'workersLevel3'
  | 'workersLevel4'
  | 'partyMembers'
  | 'ageBands'
  | 'education'
  | 'tags'
  | 'wechatGroups'
>;

export function emptyRoster(): RosterPart {
  return {
    groups: 0,
    householdGrids: 0,
    households: 0,
    gridsOutsideRule: 0,
    workers: 0,
    workersLevel3: 0,
    workersLevel4: 0,
    partyMembers: 0,
    ageBands: Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as RosterPart['ageBands'],
    education: Object.fromEntries(EDUCATION_GROUPS.map((e) => [e, 0])) as RosterPart['education'],
    tags: {},
    wechatGroups: 0,
  };
}

const PARTY = ['中共党员', '中共预备党员'];

export function educationGroup(education: string): (typeof EDUCATION_GROUPS)[number] {
  const e = education.trim();
  if (e === '') return '未填';
  if (/本科|研究生|硕士|博士/.test(e)) return '本科及以上';
  if (e.includes('大专')) return '大专';
  if (/高中|中专|职高|技校/.test(e)) return '高中/中专';
  if (/小学|初中|文盲/.test(e)) return '初中及以下';
  return '未填';
}

/** Whole years from birth to `on` (both yyyy-mm-dd). */
export function ageOn(birth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

export function ageBand(age: number): (typeof AGE_BANDS)[number] {
  return age <= 35 ? '≤35岁' : age <= 50 ? '36–50岁' : '>50岁';
}

interface Holder {
  gridId: number;
  workerId: number;
  level: number;
}

/** Adds the roster as it is now to each row, keyed by village id; `inScope` narrows to a subtree. */
export async function addRoster(
  db: DbOrTrx,
  tree: Tree,
  rows: Map<number, RosterPart>,
  inScope: (gridId: number) => boolean,
  to: string,
): Promise<void> {
  await addGrids(db, tree, rows, inScope);
  const holders = await db
    .selectFrom('assignments as a')
    .innerJoin('grids as g', 'g.id', 'a.grid_id')
    .where('a.end_date', 'is', null)
    .select(['a.grid_id as gridId', 'a.worker_id as workerId', 'g.level'])
    .execute();
  const workers = new Map(
    (await db.selectFrom('workers').select(['id', 'birth_date', 'political_status', 'education']).execute()).map(
      (w) => [w.id, w],
    ),
  );
  const tags = new Map<number, string[]>();
  for (const t of await db.selectFrom('worker_tags').select(['worker_id', 'tag']).execute()) {
    tags.set(t.worker_id, [...(tags.get(t.worker_id) ?? []), t.tag]);
  }
  const perVillage = new Map<number, Holder[]>();
  for (const h of holders as Holder[]) {
    const v = tree.villageOf(h.gridId);
    if (v === null || !rows.has(v) || !inScope(h.gridId)) continue;
    perVillage.set(v, [...(perVillage.get(v) ?? []), h]);
  }
  for (const [v, list] of perVillage) {
    const row = rows.get(v)!;
    const ids = new Set(list.map((h) => h.workerId));
    row.workers = ids.size;
    row.workersLevel3 = new Set(list.filter((h) => h.level === 3).map((h) => h.workerId)).size;
    row.workersLevel4 = new Set(list.filter((h) => h.level === 4).map((h) => h.workerId)).size;
    for (const id of ids) {
      const w = workers.get(id);
      if (!w) continue;
      if (PARTY.includes(w.political_status)) row.partyMembers += 1;
      if (w.birth_date) row.ageBands[ageBand(ageOn(w.birth_date, to))] += 1;
      row.education[educationGroup(w.education)] += 1;
      for (const t of tags.get(id) ?? []) row.tags[t] = (row.tags[t] ?? 0) + 1;
    }
  }
}

async function addGrids(
  db: DbOrTrx,
  tree: Tree,
  rows: Map<number, RosterPart>,
  inScope: (gridId: number) => boolean,
): Promise<void> {
  const households = await db
    .selectFrom('households')
    .select(['grid_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('grid_id')
    .execute();
  const perGrid = new Map(households.map((h) => [h.grid_id, Number(h.n)]));
  for (const g of tree.byId.values()) {
    const v = tree.villageOf(g.id);
    const row = v === null ? undefined : rows.get(v);
    if (!row || !inScope(g.id)) continue;
    const n = perGrid.get(g.id) ?? 0;
    row.households += n;
    if (g.level === 3) row.groups += 1;
    if (g.level === 4) {
      row.householdGrids += 1;
      if (n < 15 || n > 20) row.gridsOutsideRule += 1;
    }
  }
  const wechat = await db.selectFrom('wechat_groups').select('grid_id').execute();
  for (const w of wechat) {
    const v = tree.villageOf(w.grid_id);
    const row = v === null ? undefined : rows.get(v);
    if (row && inScope(w.grid_id)) row.wechatGroups += 1;
  }
}
