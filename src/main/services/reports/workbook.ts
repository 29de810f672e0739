/** The county submission workbook (报送报表) from the figures. */
import type { SavedFile } from '../../../shared/imports';
import type { ReportFigures } from '../../../shared/reports';
import { AppError } from '../../errors';

/** Writes the six sheets; `figures` may be a township's (rows = villages) or the county's (rows = townships). */
export async function writeReportWorkbook(_figures: ReportFigures, _out: string): Promise<SavedFile> {
  throw new AppError('CONFLICT', '报表功能尚在开发中');
}
