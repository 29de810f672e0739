import { z } from 'zod';
import { none, pathSchema, read } from './contract';

export const PAPERS = ['A4', 'A3', 'A2'] as const;
export const CARD_SIZE_KEYS = ['90x54', '85.6x54'] as const;

export const cardPrintSchema = z.object({
  gridId: z.number({ error: '请选择范围' }).int().positive(),
  householdIds: z.array(z.number().int().positive()).max(100000).optional(),
  size: z.enum(CARD_SIZE_KEYS).default('90x54'),
  perSheet: z.number().int().min(1).max(10).default(10),
  back: z.boolean().default(false),
});

export const boardPrintSchema = z.object({
  gridId: z.number({ error: '请选择村（社区）或镇' }).int().positive(),
  paper: z.enum(PAPERS).default('A3'),
});

export const printCheckSchema = z.discriminatedUnion('kind', [
  cardPrintSchema.extend({ kind: z.literal('cards') }),
  boardPrintSchema.extend({ kind: z.literal('signboard') }),
]);

export interface PrintCheckResult {
  /** Cards or boards that would print. */
  items: number;
  /** Characters the font lacks, with where they appear: printing is refused until fixed. */
  missing: { char: string; where: string }[];
  /** Vacancies (待配备), missing photos… printing may go ahead. */
  warnings: string[];
  /** Phones from Settings that will print as “—” or look wrong: corrected on the Settings page. */
  settingsWarnings: string[];
  /** The first sheet as a PDF (base64), for the preview. */
  preview: string | null;
}

export interface PrintResult {
  file: string;
  pages: number;
  /** Vacancies, missing photos… (printed anyway). */
  warnings: string[];
}

export const householdListPrintSchema = z.object({
  gridId: z.number({ error: '请选择网格' }).int().positive(),
});

/** Blank monthly 走访/服务登记表: for a village or grid (each household grid's worker) or for one worker. */
export const logSheetsPrintSchema = z
  .object({
    kind: z.enum(['visits', 'services'], { error: '登记表应为走访或服务' }),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 2026-03' }),
    gridId: z.number().int().positive().nullable().default(null),
    workerId: z.number().int().positive().nullable().default(null),
  })
  .refine((v) => v.gridId !== null || v.workerId !== null, { error: '请选择村（社区）、网格或网格员' });

const out = z.object({ out: pathSchema });
const writesOut = { files: { out: 'write' as const } };

/** The printing domain's endpoints: signboards and contact cards as PDF files. */
export const printApi = {
  'print/check': read(printCheckSchema).returns<PrintCheckResult>(),
  'print/cards': read(cardPrintSchema.extend(out.shape), writesOut).returns<PrintResult>(),
  'print/signboard': read(boardPrintSchema.extend(out.shape), writesOut).returns<PrintResult>(),
  'print/cancel': read(none).returns<{ cancelled: boolean }>(),
  /** A grid's 住户名单 (phones shown, ID numbers masked), for its grid worker. */
  'print/householdList': read(householdListPrintSchema.extend(out.shape), writesOut).returns<{
    file: string;
    pages: number;
    households: number;
  }>(),
  /** Blank monthly log sheets, households pre-printed (phones masked), typed back through the bulk grid. */
  'print/logSheets': read(logSheetsPrintSchema.and(out), writesOut).returns<{
    file: string;
    pages: number;
    sheets: number;
    households: number;
  }>(),
};
