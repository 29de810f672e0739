/** Printing as the UI and CLI use it: check first (font coverage, vacancies), then write the PDF. */
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { checkCards, loadCards, writeCards, type CardOptions } from '../../pdf/cards';
import { checkBoards, loadBoards, writeBoards, type BoardOptions } from '../../pdf/signboard';
import type { MissingGlyph } from '../../pdf/fonts';

export interface PrintCheck {
  /** Cards or boards to print. */
  items: number;
  missing: MissingGlyph[];
  warnings: string[];
}

function refuseMissing(missing: MissingGlyph[]): void {
  if (missing.length === 0) return;
  const list = missing
    .slice(0, 10)
    .map((m) => `“${m.char}”（${m.where}）`)
    .join('；');
  throw new AppError(
    'VALIDATION',
    `字体中没有以下 ${missing.length} 处文字，打印出来会缺字：${list}${missing.length > 10 ? '……' : ''}。请核对这些姓名或名称（生僻字可改用常用写法），再打印。`,
  );
}

export async function checkCardPrint(
  db: DbOrTrx,
  gridId: number,
  fontPath: string,
  householdIds?: number[],
): Promise<PrintCheck> {
  const { cards, ctx } = await loadCards(db, gridId, householdIds);
  const { missing, warnings } = checkCards(cards, fontPath, ctx);
  return { items: cards.length, missing, warnings };
}

export async function printCards(
  db: DbOrTrx,
  gridId: number,
  out: string,
  fontPath: string,
  options: CardOptions & { householdIds?: number[] } = {},
) {
  const { cards, ctx } = await loadCards(db, gridId, options.householdIds);
  if (cards.length === 0) throw new AppError('VALIDATION', '所选范围内没有住户，没有可打印的联系卡。');
  const check = checkCards(cards, fontPath, ctx);
  refuseMissing(check.missing);
  const r = await writeCards(cards, out, fontPath, ctx, options);
  return { ...r, cards: cards.length, warnings: check.warnings };
}

export async function checkBoardPrint(db: DbOrTrx, gridId: number, fontPath: string): Promise<PrintCheck> {
  const { boards } = await loadBoards(db, gridId);
  const { missing, warnings } = checkBoards(boards, fontPath);
  return { items: boards.length, missing, warnings };
}

export async function printBoards(
  db: DbOrTrx,
  gridId: number,
  out: string,
  fontPath: string,
  options: BoardOptions = {},
) {
  const { boards, ctx } = await loadBoards(db, gridId);
  const check = checkBoards(boards, fontPath);
  refuseMissing(check.missing);
  const r = await writeBoards(boards, out, fontPath, ctx, options);
  return { ...r, boards: boards.length, warnings: check.warnings };
}
