import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { checkImage, dataUrl } from '../images/images';

const QR_MAX_BYTES = 1024 * 1024;

async function assertGrid(db: DbOrTrx, id: number): Promise<void> {
  const g = await db.selectFrom('grids').select('id').where('id', '=', id).executeTakeFirst();
  if (!g) throw new AppError('NOT_FOUND', `找不到编号为 ${id} 的网格，它可能已被删除。`);
}

/** The grid's WeChat group QR code (a JPG or PNG up to 1 MB), printed on its households' cards. */
export async function setGridQr(db: DbOrTrx, id: number, bytes: Buffer): Promise<{ image: string | null }> {
  await assertGrid(db, id);
  const type = checkImage(bytes, '微信群二维码', QR_MAX_BYTES);
  const ts = new Date().toISOString();
  await db
    .insertInto('grid_qr')
    .values({ grid_id: id, image: bytes, image_type: type, updated_at: ts })
    .onConflict((oc) => oc.column('grid_id').doUpdateSet({ image: bytes, image_type: type, updated_at: ts }))
    .execute();
  return { image: dataUrl(type, bytes) };
}

export async function clearGridQr(db: DbOrTrx, id: number): Promise<{ image: string | null }> {
  await assertGrid(db, id);
  await db.deleteFrom('grid_qr').where('grid_id', '=', id).execute();
  return { image: null };
}

export async function getGridQr(db: DbOrTrx, id: number): Promise<{ image: string | null }> {
  await assertGrid(db, id);
  const row = await db
    .selectFrom('grid_qr')
    .select(['image', 'image_type'])
    .where('grid_id', '=', id)
    .executeTakeFirst();
  return { image: row ? dataUrl(row.image_type, row.image) : null };
}

/** QR codes of many grids at once, for printing. */
export async function gridQrs(db: DbOrTrx): Promise<Map<number, Buffer>> {
  const rows = await db.selectFrom('grid_qr').select(['grid_id', 'image']).execute();
  return new Map(rows.map((r) => [r.grid_id, Buffer.from(r.image)]));
}
