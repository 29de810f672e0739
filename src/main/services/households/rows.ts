/**
 * Household rows: the one place they are built, and the bulk writes the roster import and the
 * demo use. The households page (households.ts) builds its rows here too.
 */
import type { HouseholdFields } from '../../../shared/people';
import { insertBatched, insertReturningIds } from '../../db/bulk';
import type { DbOrTrx, NewHouseholdRow } from '../../db/schema';

/** A household's own columns (no timestamps), as both inserts and updates write them. */
export function householdValues(input: HouseholdFields) {
  return {
    grid_id: input.gridId,
    head_name: input.headName,
    id_number: input.idNumber || null,
    phone: input.phone,
    address: input.address,
    door_number: input.doorNumber,
    members: input.members,
    notes: input.notes,
  };
}

export function newHouseholdRow(input: HouseholdFields, ts: string): NewHouseholdRow {
  return { ...householdValues(input), created_at: ts, updated_at: ts };
}

export async function setHouseholdTags(db: DbOrTrx, householdId: number, tags: string[]): Promise<void> {
  await db.deleteFrom('household_tags').where('household_id', '=', householdId).execute();
  const unique = [...new Set(tags)];
  if (unique.length) {
    await db
      .insertInto('household_tags')
      .values(unique.map((tag) => ({ household_id: householdId, tag })))
      .execute();
  }
}

/** Inserts many households with their tags; their ids come back in the same order. */
export async function insertHouseholds(
  db: DbOrTrx,
  households: HouseholdFields[],
  ts: string,
  onBatch?: (inserted: number) => Promise<void> | void,
): Promise<number[]> {
  const ids = await insertReturningIds(
    db,
    'households',
    households.map((h) => newHouseholdRow(h, ts)),
    onBatch,
  );
  const tags = households.flatMap((h, j) => [...new Set(h.tags)].map((tag) => ({ household_id: ids[j]!, tag })));
  await insertBatched(db, 'household_tags', tags);
  return ids;
}

/** Rewrites a household's columns and tags. */
export async function replaceHousehold(db: DbOrTrx, id: number, input: HouseholdFields, ts: string): Promise<void> {
  await db
    .updateTable('households')
    .set({ ...householdValues(input), updated_at: ts })
    .where('id', '=', id)
    .execute();
  await setHouseholdTags(db, id, input.tags);
}

/** A registered household as a roster import compares it with a row. */
export interface HouseholdSnapshot extends HouseholdFields {
  id: number;
}

export async function householdSnapshots(db: DbOrTrx): Promise<HouseholdSnapshot[]> {
  const rows = await db
    .selectFrom('households')
    .select(['id', 'grid_id', 'head_name', 'id_number', 'phone', 'address', 'door_number', 'members', 'notes'])
    .execute();
  const tags = new Map<number, string[]>();
  for (const t of await db.selectFrom('household_tags').select(['household_id', 'tag']).execute()) {
    tags.set(t.household_id, [...(tags.get(t.household_id) ?? []), t.tag]);
  }
  return rows.map((r) => ({
    id: r.id,
    gridId: r.grid_id,
    headName: r.head_name,
    idNumber: r.id_number ?? '',
    phone: r.phone,
    address: r.address,
    doorNumber: r.door_number,
    members: r.members,
    notes: r.notes,
    tags: tags.get(r.id) ?? [],
  }));
}
