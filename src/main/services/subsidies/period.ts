/**
 * What a computation needs to know about the grid tree and who held which grid in a period,
 * read once and looked up in memory (a county has ~7,000 workers: one query each would not do).
 */
import type { DbOrTrx } from '../../db/schema';

export interface GridNode {
  id: number;
  parentId: number | null;
  level: number;
  code: string;
  name: string;
}

export interface Held {
  workerId: number;
  gridId: number;
  /** null: since before records began. */
  start: string | null;
  /** Exclusive (the successor's first day); null while held. */
  end: string | null;
}

export class GridTree {
  private readonly villages = new Map<number, number | null>();
  constructor(readonly nodes: Map<number, GridNode>) {}

  static async load(db: DbOrTrx): Promise<GridTree> {
    const rows = await db.selectFrom('grids').select(['id', 'parent_id', 'level', 'code', 'name']).execute();
    return new GridTree(
      new Map(rows.map((g) => [g.id, { id: g.id, parentId: g.parent_id, level: g.level, code: g.code, name: g.name }])),
    );
  }

  /** The village (level 2) the grid lies in, or is; null above or outside one. */
  villageOf(gridId: number): number | null {
    const memo = this.villages.get(gridId);
    if (memo !== undefined) return memo;
    let node = this.nodes.get(gridId);
    while (node && node.level > 2) node = node.parentId === null ? undefined : this.nodes.get(node.parentId);
    const village = node && node.level === 2 ? node.id : null;
    this.villages.set(gridId, village);
    return village;
  }
}

/** Assignments held on at least one day of from–to (inclusive), oldest first. */
export async function heldDuring(db: DbOrTrx, from: string, to: string): Promise<Held[]> {
  const rows = await db
    .selectFrom('assignments')
    .select(['worker_id', 'grid_id', 'start_date', 'end_date'])
    .where((eb) => eb.or([eb('start_date', 'is', null), eb('start_date', '<=', to)]))
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', from)]))
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ workerId: r.worker_id, gridId: r.grid_id, start: r.start_date, end: r.end_date }));
}

/** The assignment was held on some day of from–to. */
export function overlaps(h: Held, from: string, to: string): boolean {
  return (h.start === null || h.start <= to) && (h.end === null || h.end > from);
}

const DAY = 86_400_000;
const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;

/** Days of first–last (inclusive) that also lie in start–end (inclusive; end null: still held). */
export function daysWithin(first: string, last: string, start: string, end: string | null): number {
  const a = Math.max(dayNumber(first), dayNumber(start));
  const b = Math.min(dayNumber(last), end === null ? Infinity : dayNumber(end));
  return b < a ? 0 : b - a + 1;
}

export interface Month {
  /** 2026-03 */
  key: string;
  first: string;
  last: string;
}

/** The months whose first day lies in from–to: a month belongs to the period holding its 1st. */
export function monthsOf(from: string, to: string): Month[] {
  const out: Month[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  if (from.slice(8) !== '01') m += 1;
  for (;;) {
    if (m > 12) {
      y += 1;
      m = 1;
    }
    const key = `${y}-${String(m).padStart(2, '0')}`;
    const first = `${key}-01`;
    if (first > to) return out;
    const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
    out.push({ key, first, last: `${key}-${String(days).padStart(2, '0')}` });
    m += 1;
  }
}
