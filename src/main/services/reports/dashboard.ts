/** The dashboard (首页): the figures, trends, category mix and the health list. */
import type { Dashboard } from '../../../shared/reports';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';

export async function dashboard(
  _db: DbOrTrx,
  _period: { from: string; to: string; gridId: number | null },
): Promise<Dashboard> {
  throw new AppError('CONFLICT', '报表功能尚在开发中');
}
