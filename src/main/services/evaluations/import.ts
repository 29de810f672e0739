/** Scores filled in on the exported sheet, previewed and then written in one go, or not at all. */
import type { SheetImportPreview } from '../../../shared/evaluations';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { readScoredSheet } from '../../import/evaluation-scores';
import { NOTHING_CHANGED } from '../../import/limits';
import type { AuditRecorder } from '../audit/audit';
import { reasonsText } from './export';
import { parseDefinition } from './schemes';
import { itemsOf } from './score';
import { draft, touch, writeScores } from './sheets';
import { getSheet, sheetName } from './views';

async function read(db: DbOrTrx, id: number, file: string) {
  const s = await draft(db, id);
  const view = await getSheet(db, id);
  const caps = new Map(itemsOf(parseDefinition(s.scheme_snapshot)).map((i) => [i.key, i.maxX10]));
  const reasons = new Map(view.lines.map((l) => [l.id, reasonsText(l)]));
  return { s, view, ...(await readScoredSheet(file, view, caps, reasons)) };
}

export async function importPreview(db: DbOrTrx, id: number, file: string): Promise<SheetImportPreview> {
  const { changes, errors } = await read(db, id, file);
  return { changes: changes.map(({ itemKey: _k, ...c }) => c), errors };
}

const where = (e: SheetImportPreview['errors'][number]) =>
  `${e.sheet} 第 ${e.row} 行${e.column ? `“${e.column}”列` : ''}：${e.message}`;

export async function importScores(
  db: DbOrTrx,
  id: number,
  file: string,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<{ changed: number }> {
  const { s, view, changes, errors } = await read(db, id, file);
  if (errors.length > 0) {
    const shown = errors.slice(0, 5).map(where).join('；');
    throw new AppError(
      'VALIDATION',
      `${shown}${errors.length > 5 ? `；等 ${errors.length} 处` : ''}。${NOTHING_CHANGED}`,
    );
  }
  if (changes.length === 0) {
    audit.nothingChanged();
    return { changed: 0 };
  }
  const said = await writeScores(
    db,
    s,
    view.lines,
    changes.map((c) => ({ lineId: c.lineId, itemKey: c.itemKey, scoreX10: c.toX10, reason: c.reason })),
  );
  await touch(db, id, now);
  const listed = said.length > 10 ? [...said.slice(0, 10), `等 ${said.length} 项`] : said;
  audit.record({
    entity: '考核评分表',
    entityId: id,
    summary: `${sheetName(s)}导入纸质评分 ${changes.length} 项：${listed.join('；')}`,
    counts: { 项数: changes.length },
  });
  return { changed: changes.length };
}
