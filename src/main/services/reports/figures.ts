/** The figures per village for a period and subtree: the one computation behind every report. */
import type { ReportFigures } from '../../../shared/reports';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';

export async function reportFigures(
  _db: DbOrTrx,
  _period: { from: string; to: string; gridId: number | null },
): Promise<ReportFigures> {
  throw new AppError('CONFLICT', '报表功能尚在开发中');
}
