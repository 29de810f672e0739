/** Printing as the UI and CLI use it: check first (font coverage, vacancies), then write the PDF. */
import { Writable } from 'node:stream';
import { todayIso } from '../../../shared/dates';
import { isPrintedPhone } from '../../../shared/settings';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { checkCards, writeCards, type CardOptions } from '../../pdf/cards';
import { checkBoards, writeBoards, type Paper } from '../../pdf/signboard';
import type { MissingGlyph } from '../../pdf/fonts';
import type { PrintSettings } from '../../pdf/views';
import { loadBoards } from './boards';
import { loadCards } from './cards';

export interface BoardOptions {
  paper?: Paper;
  /** 公示日期 as printed; by default today in the clerks' time zone (as of `now`). */
  date?: string;
  /** The clock: tests print as of a fixed instant. */
  now?: Date;
}

function boardLayout(options: BoardOptions) {
  return { paper: options.paper, date: options.date ?? todayIso(options.now) };
}

export interface PrintCheck {
  /** Cards or boards to print. */
  items: number;
  missing: MissingGlyph[];
  warnings: string[];
  /** The phones from Settings that are empty (printed “—”) or not a phone number. */
  settingsWarnings: string[];
}

/**
 * What the clerk should know about the Settings phones this print shows: boards show the
 * supervision phone, cards also the township 综治中心's.
 */
export function phoneWarnings(settings: PrintSettings, kind: 'signboard' | 'cards'): string[] {
  const printed = kind === 'signboard' ? '公示牌' : '联系卡';
  const phones: [string, string][] = [
    ...(kind === 'cards' ? [['镇综治中心电话', settings.centerPhone] as [string, string]] : []),
    ['监督电话', settings.supervisionPhone],
  ];
  return phones.flatMap(([label, phone]) => {
    if (phone.trim() === '') return [`${label}未填写，${printed}将印“—”`];
    if (!isPrintedPhone(phone)) return [`${label}“${phone}”不是有效的电话号码，将照原样印在${printed}上`];
    return [];
  });
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

/**
 * The preview of a first sheet as base64, drawn into memory: no temp file holding names and
 * phones is left anywhere if the app dies while previewing.
 */
async function asBase64(write: (out: Writable) => Promise<unknown>): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await write(sink);
  return Buffer.concat(chunks).toString('base64');
}

export async function checkCardPrint(
  db: DbOrTrx,
  gridId: number,
  fontPath: string,
  options: CardOptions & { householdIds?: number[] } = {},
): Promise<PrintCheck & { preview: string | null }> {
  const { cards, settings } = await loadCards(db, gridId, options.householdIds);
  const { missing, warnings } = checkCards(cards, fontPath, settings);
  const first = cards.slice(0, options.perSheet ?? 10);
  const preview =
    first.length && missing.length === 0
      ? await asBase64((out) => writeCards(first, out, fontPath, settings, { ...options, onProgress: undefined }))
      : null;
  return { items: cards.length, missing, warnings, settingsWarnings: phoneWarnings(settings, 'cards'), preview };
}

export async function printCards(
  db: DbOrTrx,
  gridId: number,
  out: string,
  fontPath: string,
  options: CardOptions & { householdIds?: number[] } = {},
) {
  const { cards, settings } = await loadCards(db, gridId, options.householdIds);
  if (cards.length === 0) throw new AppError('VALIDATION', '所选范围内没有住户，没有可打印的联系卡。');
  const check = checkCards(cards, fontPath, settings);
  refuseMissing(check.missing);
  const r = await writeCards(cards, out, fontPath, settings, options);
  return { ...r, cards: cards.length, warnings: [...phoneWarnings(settings, 'cards'), ...check.warnings] };
}

export async function checkBoardPrint(
  db: DbOrTrx,
  gridId: number,
  fontPath: string,
  options: BoardOptions = {},
): Promise<PrintCheck & { preview: string | null }> {
  const { boards, settings } = await loadBoards(db, gridId);
  const { missing, warnings } = checkBoards(boards, fontPath);
  const preview =
    missing.length === 0
      ? await asBase64((out) => writeBoards(boards.slice(0, 1), out, fontPath, settings, boardLayout(options)))
      : null;
  return { items: boards.length, missing, warnings, settingsWarnings: phoneWarnings(settings, 'signboard'), preview };
}

export async function printBoards(
  db: DbOrTrx,
  gridId: number,
  out: string,
  fontPath: string,
  options: BoardOptions = {},
) {
  const { boards, settings } = await loadBoards(db, gridId);
  const check = checkBoards(boards, fontPath);
  refuseMissing(check.missing);
  const r = await writeBoards(boards, out, fontPath, settings, boardLayout(options));
  return { ...r, boards: boards.length, warnings: [...phoneWarnings(settings, 'signboard'), ...check.warnings] };
}
