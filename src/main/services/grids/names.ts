/**
 * Sibling grids never share a name: 一组 and 第1网格 exist in every village, so a grid is only
 * told apart from the others by its path, and two 一组 under one village would make every list,
 * board and import ambiguous. The grid service and the roster import use the same rule and words.
 */
import type { DbOrTrx } from '../../db/schema';
import { fieldError } from '../../errors';

/** The refusal the clerk reads, naming the parent (null: a township, which has none). */
export function siblingNameMessage(name: string, parentName: string | null): string {
  return parentName === null
    ? `已有名为“${name}”的一级网格（镇），同级网格不能重名`
    : `“${parentName}”下已有名为“${name}”的网格，同一上级下的网格不能重名`;
}

/** The sibling under `parentId` already called `name` (other than `exceptId`), if any. */
export async function siblingNamed(
  db: DbOrTrx,
  parentId: number | null,
  name: string,
  exceptId?: number,
): Promise<{ id: number; code: string } | undefined> {
  let q = db.selectFrom('grids').select(['id', 'code']).where('name', '=', name);
  q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/**
 * Refuses `name` under `parent` when a sibling has it: at the name the clerk typed, or at the new
 * parent when a move would bring two of a name together.
 */
export async function assertNameFree(
  db: DbOrTrx,
  parent: { id: number; name: string } | null,
  name: string,
  options: { exceptId?: number; moving?: boolean } = {},
): Promise<void> {
  const clash = await siblingNamed(db, parent?.id ?? null, name, options.exceptId);
  if (!clash) return;
  const what = `${siblingNameMessage(name, parent?.name ?? null)}（已有的编码 ${clash.code}）`;
  if (options.moving) throw fieldError('parentId', `${what}。请先把其中一个改名，再移动`, 'CONFLICT');
  throw fieldError('name', `${what}，请换一个名称`, 'CONFLICT');
}
