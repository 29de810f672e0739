/**
 * Matches every kind's records against the database: which grids the import would create or
 * rename, and what each kind would create, update or leave unchanged. Pure planning — apply.ts
 * writes it.
 */
import type { Replacement, RowError } from '../../shared/imports';
import { maskPersonal } from '../../shared/privacy';
import type { CodeScheme } from '../../shared/settings';
import type { DbOrTrx } from '../db/schema';
import { gridOutlines } from '../services/grids/rows';
import { GridIndex, type GridRef, type PlannedGrid } from './grid-index';
import { IMPORT_KINDS } from './kinds';
import type { ImportKind, KindChanges, PlanContext, RecordOrigin, Tally } from './kinds/types';
import { personName, type GridPath } from './row-reader';

/** Every count at zero: grids, then each kind's keys in registry order. */
export function zeroCounts(kinds: readonly ImportKind[] = IMPORT_KINDS): Tally {
  const counts: Tally = { grids: 0 };
  for (const kind of kinds) for (const key of kind.countKeys) counts[key] = 0;
  return counts;
}

export interface KindPart {
  kind: ImportKind;
  changes: KindChanges;
}

export interface Plan {
  newGrids: PlannedGrid[];
  renamedGrids: { id: number; name: string }[];
  /** Each kind that has records, in registry order. */
  parts: KindPart[];
  errors: RowError[];
  created: Tally;
  updated: Tally;
  unchanged: Tally;
  /** Current holders the records would replace. */
  replaced: Replacement[];
}

/** Records read from the file, per kind. */
export type RecordsByKind = Map<ImportKind, RecordOrigin[]>;

export async function buildPlan(
  db: DbOrTrx,
  scheme: CodeScheme,
  kinds: readonly ImportKind[],
  records: RecordsByKind,
  parseErrors: RowError[],
  /** The header a field has in a sheet (for error columns). */
  headerOf: (sheet: string, field: string) => string,
): Promise<Plan> {
  const errors = [...parseErrors];
  const grids = new GridIndex(await gridOutlines(db), scheme);
  // Ledger rows repeat their grid's names: each path is looked up once, its problems replayed per row.
  const found = new Map<string, { grid: GridRef | null; problems: [string, string][] }>();
  const findGrid = (record: GridPath, fail: (field: string, message: string) => void) => {
    const key = [record.township, record.village, record.group, record.gridCode, record.gridName].join('\u0001');
    let hit = found.get(key);
    if (!hit) {
      const problems: [string, string][] = [];
      hit = { grid: grids.findGrid(record, (f, m) => problems.push([f, m])), problems };
      found.set(key, hit);
    }
    for (const [f, m] of hit.problems) fail(f, m);
    return hit.grid;
  };
  const contextFor = (kind: ImportKind): PlanContext => {
    const fail = (at: RecordOrigin, field: string, message: string) =>
      errors.push({
        sheet: at.sheet,
        row: at.row,
        column: headerOf(at.sheet, field),
        person: personOf(kind, at),
        message: maskPersonal(message),
      });
    return {
      db,
      fail,
      gridFor: (record, level) => grids.gridForRow(record, level, (field, message) => fail(record, field, message)),
      findGrid: (record) => findGrid(record, (field, message) => fail(record, field, message)),
      lineage: (id) => grids.lineage(id),
      gridLabel: (id) => grids.label(id),
    };
  };
  const parts: KindPart[] = [];
  // Registry order: kinds planned earlier create the grids later ones find.
  for (const kind of kinds) {
    const list = records.get(kind) ?? [];
    if (list.length) parts.push({ kind, changes: await kind.plan(contextFor(kind), list) });
  }
  errors.sort((a, b) => (a.sheet === b.sheet ? a.row - b.row : a.sheet < b.sheet ? -1 : 1));
  const replaced = parts.flatMap((p) => p.changes.replaced ?? []);
  return {
    ...countChanges(kinds, grids, parts),
    newGrids: grids.created,
    renamedGrids: renamed(grids),
    parts,
    errors,
    replaced,
  };
}

/** Whom a record is about: the value of its kind's person field (records keep fields under their names). */
function personOf(kind: ImportKind, record: RecordOrigin): string {
  const value = kind.person ? (record as unknown as Record<string, unknown>)[kind.person] : undefined;
  return typeof value === 'string' ? personName(value) : '';
}

function renamed(grids: GridIndex): Plan['renamedGrids'] {
  return [...grids.renamed].map(([id, name]) => ({ id, name }));
}

function countChanges(kinds: readonly ImportKind[], grids: GridIndex, parts: KindPart[]) {
  const created = zeroCounts(kinds);
  const updated = zeroCounts(kinds);
  const unchanged = zeroCounts(kinds);
  // Unchanged grids: existing ones the records name, with their ancestors.
  const touched = new Set<number>();
  for (const { changes } of parts) {
    for (const id of changes.gridIds) {
      if (touched.has(id)) continue;
      for (const g of grids.lineage(id)) touched.add(g);
    }
    add(created, changes.created);
    add(updated, changes.updated);
    add(unchanged, changes.unchanged);
  }
  created.grids = grids.created.length;
  updated.grids = grids.renamed.size;
  unchanged.grids = [...touched].filter((id) => id > 0 && !grids.renamed.has(id)).length;
  return { created, updated, unchanged };
}

function add(into: Tally, from: Tally): void {
  for (const [key, n] of Object.entries(from)) into[key] = (into[key] ?? 0) + n;
}
