/**
 * Roster exports: the rows the workbooks need, built here from the database (grid paths,
 * current holders, tags); excel/ only lays them out.
 */
import { todayChinese } from '../../../shared/dates';
import type { DbOrTrx } from '../../db/schema';
import {
  writeHouseholdRoster,
  writeWorkerRoster,
  type HouseholdRosterRow,
  type RosterHead,
  type RosterPlace,
  type WorkerRosterRow,
} from '../../excel/export';
import { gridPaths, subtreeOf, type GridIds, type GridPath } from '../grids/queries';
import { householdsWithGrid } from '../households/households';
import { getSettings } from '../settings/settings';
import { holdersOn } from '../workers/queries';

export interface ExportOptions {
  /** One sheet per village (default) or one sheet for all. */
  perVillage?: boolean;
  /** Only this grid and below. */
  gridId?: number | null;
  /** The clock for 导出日期: tests export as of a fixed instant. */
  now?: Date;
}

function scopeOf(db: DbOrTrx, options: ExportOptions): GridIds | null {
  return options.gridId ? subtreeOf(db, options.gridId) : null;
}

async function rosterHead(db: DbOrTrx, options: ExportOptions): Promise<RosterHead> {
  const unit = (await getSettings(db)).unitName;
  return { unit, date: todayChinese(options.now), perVillage: options.perVillage };
}

/** Township, village and group names of every grid in scope (every grid without one). */
async function placesOf(db: DbOrTrx, scope: GridIds | null): Promise<(gridId: number) => RosterPlace> {
  const paths = await gridPaths(db, scope ?? db.selectFrom('grids').select('id'));
  return (gridId) => {
    const p: GridPath | undefined = paths.get(gridId);
    return { township: p?.names[0] ?? '', village: p?.names[1] ?? '', group: p?.names[2] ?? '' };
  };
}

function tagMap<K extends number>(rows: { key: K; tag: string }[]): Map<K, string[]> {
  const tags = new Map<K, string[]>();
  for (const t of rows) tags.set(t.key, [...(tags.get(t.key) ?? []), t.tag]);
  return tags;
}

/** 网格员花名册: one row per current assignment (a person serving two grids has two rows). */
export async function exportWorkers(db: DbOrTrx, out: string, options: ExportOptions = {}): Promise<{ rows: number }> {
  const scope = scopeOf(db, options);
  const place = await placesOf(db, scope);
  const head = await rosterHead(db, options);
  let q = holdersOn(db)
    .innerJoin('grids as g', 'g.id', 'a.grid_id')
    .select([
      'a.grid_id',
      'a.role',
      'a.title',
      'a.start_date',
      'g.level',
      'g.code',
      'g.name as grid_name',
      'w.id as worker_id',
      'w.name',
      'w.gender',
      'w.id_number',
      'w.phone',
      'w.political_status',
      'w.education',
      'w.notes',
    ]);
  if (scope) q = q.where('a.grid_id', 'in', scope);
  const rows = await q.orderBy('g.code').orderBy('a.role', 'desc').orderBy('w.name').execute();
  const tags = tagMap(await db.selectFrom('worker_tags').select(['worker_id as key', 'tag']).orderBy('tag').execute());
  const view = rows.map((r): WorkerRosterRow => ({
    ...place(r.grid_id),
    level: r.level,
    gridCode: r.code,
    gridName: r.grid_name,
    name: r.name,
    gender: r.gender,
    idNumber: r.id_number,
    phone: r.phone,
    politicalStatus: r.political_status,
    education: r.education,
    tags: tags.get(r.worker_id) ?? [],
    role: r.role,
    title: r.title,
    startDate: r.start_date ?? '',
    notes: r.notes,
  }));
  return writeWorkerRoster(out, head, [view]);
}

/** 住户花名册, in grid-code order, read a page at a time. */
export async function exportHouseholds(
  db: DbOrTrx,
  out: string,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  const scope = scopeOf(db, options);
  const place = await placesOf(db, scope);
  const head = await rosterHead(db, options);
  const tags = tagMap(
    await db.selectFrom('household_tags').select(['household_id as key', 'tag']).orderBy('tag').execute(),
  );
  async function* pages(): AsyncGenerator<HouseholdRosterRow[]> {
    const PAGE = 5000;
    for (let offset = 0; ; offset += PAGE) {
      let q = householdsWithGrid(db);
      if (scope) q = q.where('h.grid_id', 'in', scope);
      const rows = await q.orderBy('g.code').orderBy('h.id').limit(PAGE).offset(offset).execute();
      yield rows.map((r) => ({
        ...place(r.grid_id),
        gridCode: r.grid_code,
        gridName: r.grid_name,
        headName: r.head_name,
        idNumber: r.id_number ?? '',
        phone: r.phone,
        address: r.address,
        doorNumber: r.door_number,
        members: r.members,
        tags: tags.get(r.id) ?? [],
        notes: r.notes,
      }));
      if (rows.length < PAGE) return;
    }
  }
  return writeHouseholdRoster(out, head, pages());
}
