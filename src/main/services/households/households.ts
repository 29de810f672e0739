import { maskId } from '../../../shared/idcard';
import type { HouseholdFields, HouseholdView } from '../../../shared/people';
import type { HandlerArgs } from '../../../shared/api';
import { AppError, fieldError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import { describeEffects, executeDeletion, planDeletion, summarize } from '../../db/references';
import type { DbOrTrx } from '../../db/schema';
import { gridPath, gridPaths, subtreeOf } from '../grids/queries';
import { newHouseholdRow, replaceHousehold, setHouseholdTags } from './rows';

function now(): string {
  return new Date().toISOString();
}

async function assertHouseholdGrid(db: DbOrTrx, gridId: number): Promise<void> {
  const grid = await db.selectFrom('grids').select(['level', 'name']).where('id', '=', gridId).executeTakeFirst();
  if (!grid) throw fieldError('gridId', '所选网格不存在，可能已被删除');
  if (grid.level !== 4) throw fieldError('gridId', `住户只能编入户级网格（四级网格），“${grid.name}”不是户级网格`);
}

async function assertIdFree(db: DbOrTrx, idNumber: string, exceptId?: number): Promise<void> {
  if (!idNumber) return;
  let q = db.selectFrom('households').select(['id', 'head_name']).where('id_number', '=', idNumber);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const other = await q.executeTakeFirst();
  if (other) throw fieldError('idNumber', `该身份证号已登记为户主“${other.head_name}”的住户`, 'CONFLICT');
}

export async function createHousehold(db: DbOrTrx, input: HouseholdFields): Promise<HouseholdView> {
  return inTransaction(db, async (trx) => {
    await assertHouseholdGrid(trx, input.gridId);
    await assertIdFree(trx, input.idNumber);
    const ts = now();
    const { id } = await trx
      .insertInto('households')
      .values(newHouseholdRow(input, ts))
      .returning('id')
      .executeTakeFirstOrThrow();
    await setHouseholdTags(trx, id, input.tags);
    return getHousehold(trx, id);
  });
}

export async function updateHousehold(db: DbOrTrx, input: HandlerArgs<'households/update'>): Promise<HouseholdView> {
  return inTransaction(db, async (trx) => {
    await getHousehold(trx, input.id);
    await assertHouseholdGrid(trx, input.gridId);
    await assertIdFree(trx, input.idNumber, input.id);
    await replaceHousehold(trx, input.id, input, now());
    return getHousehold(trx, input.id);
  });
}

/**
 * Deletes a household with what belongs to it (its tags, and whatever a table registers to go
 * with it). Refused while records that must be kept refer to it.
 */
export async function deleteHousehold(db: DbOrTrx, id: number): Promise<{ deleted: number }> {
  return inTransaction(db, async (trx) => {
    const household = await getHousehold(trx, id);
    // households.id is INTEGER PRIMARY KEY: it is the rowid the plan works with.
    const plan = await planDeletion(trx, 'households', [id]);
    const { blockers } = summarize(plan);
    if (blockers.length > 0) {
      throw new AppError(
        'CONFLICT',
        `户主“${household.headName}”的住户不能删除：还有 ${describeEffects(blockers)}关联到该住户，这些记录必须保留。`,
      );
    }
    await executeDeletion(trx, plan);
    return { deleted: 1 };
  });
}

/** Moves households to another household grid. */
export async function moveHouseholds(db: DbOrTrx, input: HandlerArgs<'households/move'>): Promise<{ moved: number }> {
  return inTransaction(db, async (trx) => {
    await assertHouseholdGrid(trx, input.gridId);
    const found = await trx.selectFrom('households').select('id').where('id', 'in', input.ids).execute();
    if (found.length !== input.ids.length) throw new AppError('NOT_FOUND', '部分住户已不存在，请刷新后重试。');
    await trx
      .updateTable('households')
      .set({ grid_id: input.gridId, updated_at: now() })
      .where('id', 'in', input.ids)
      .execute();
    return { moved: found.length };
  });
}

async function tagsOf(db: DbOrTrx, ids: number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('household_tags')
      .select(['household_id', 'tag'])
      .where('household_id', 'in', ids.slice(i, i + 500))
      .orderBy('tag')
      .execute();
    for (const r of rows) out.set(r.household_id, [...(out.get(r.household_id) ?? []), r.tag]);
  }
  return out;
}

/** Households with their grid's name and code: what lists, exports and cards start from. */
export function householdsWithGrid(db: DbOrTrx) {
  return db
    .selectFrom('households as h')
    .innerJoin('grids as g', 'g.id', 'h.grid_id')
    .select([
      'h.id',
      'h.grid_id',
      'h.head_name',
      'h.id_number',
      'h.phone',
      'h.address',
      'h.door_number',
      'h.members',
      'h.notes',
      'g.name as grid_name',
      'g.code as grid_code',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof householdsWithGrid>['execute']>>[number];

function toView(r: BaseRow, tags: string[], label: string): HouseholdView {
  return {
    id: r.id,
    gridId: r.grid_id,
    headName: r.head_name,
    idNumber: r.id_number ?? '',
    idMasked: r.id_number ? maskId(r.id_number) : '',
    phone: r.phone,
    address: r.address,
    doorNumber: r.door_number,
    members: r.members,
    tags,
    notes: r.notes,
    gridName: r.grid_name,
    gridLabel: label,
    gridCode: r.grid_code,
  };
}

export async function getHousehold(db: DbOrTrx, id: number): Promise<HouseholdView> {
  const row = await householdsWithGrid(db).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的住户，可能已被删除。`);
  const { label } = await gridPath(db, row.grid_id);
  return toView(row, (await tagsOf(db, [id])).get(id) ?? [], label);
}

export async function listHouseholds(
  db: DbOrTrx,
  input: HandlerArgs<'households/list'>,
): Promise<{ total: number; rows: HouseholdView[] }> {
  let q = householdsWithGrid(db);
  if (input.gridId !== null) q = q.where('h.grid_id', 'in', subtreeOf(db, input.gridId));
  if (input.tag) {
    const tag = input.tag;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('household_tags as t')
          .select('t.tag')
          .whereRef('t.household_id', '=', 'h.id')
          .where('t.tag', '=', tag),
      ),
    );
  }
  const search = input.search.trim().replace(/[%_]/g, '');
  if (search) {
    const like = `%${search}%`;
    q = q.where((eb) =>
      eb.or([
        eb('h.head_name', 'like', like),
        eb('h.phone', 'like', like),
        eb('h.address', 'like', like),
        eb('h.id_number', 'like', like.toUpperCase()),
      ]),
    );
  }
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('g.code').orderBy('h.id').limit(input.limit).offset(input.offset).execute();
  const tags = await tagsOf(
    db,
    rows.map((r) => r.id),
  );
  const paths = await gridPaths(db, [...new Set(rows.map((r) => r.grid_id))]);
  return {
    total: Number(total),
    rows: rows.map((r) => toView(r, tags.get(r.id) ?? [], paths.get(r.grid_id)?.label ?? r.grid_name)),
  };
}
