import { z } from 'zod';
import type { DeleteEffect } from './deletion';
import { none, pathSchema, read, write } from './contract';

export const GRID_LEVELS = [1, 2, 3, 4] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

export const VILLAGE_KINDS = ['村', '社区'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];

/** Default names of the four levels; the clerk may rename them in Settings. */
export const DEFAULT_LEVEL_NAMES: Record<GridLevel, string> = {
  1: '镇',
  2: '村（社区）',
  3: '村民小组',
  4: '户级网格',
};

export const LEVEL_ORDINALS: Record<GridLevel, string> = {
  1: '一级网格',
  2: '二级网格',
  3: '三级网格',
  4: '四级网格',
};

/** A grid as the renderer sees it: one row of the tree with its counts. */
export interface GridNode {
  id: number;
  parentId: number | null;
  level: GridLevel;
  name: string;
  /** How screens name the grid: from its village down (田家河村 / 十四组 / 第1网格). */
  label: string;
  code: string;
  kind: VillageKind | null;
  divisionCode: string | null;
  /** Direct children. */
  childCount: number;
  /** Descendants per level (index 0 = level 1 … index 3 = level 4). */
  descendants: [number, number, number, number];
  /** Households in this grid and below. */
  households: number;
  /** Names of the grid's current workers (empty: vacant, 待配备). */
  workers: string[];
}

/**
 * The grid tree as the tree panel draws it and nothing more: every grid in code order, packed
 * in columns (entry i of each column is one grid). Columns keep a county's ~7,000 grids small
 * on the way to the page: measured in Chromium, about 3× faster to pass than one object per
 * grid. The panel adds up child counts and totals itself (see tree-model.ts).
 */
export interface GridTreeRows {
  id: number[];
  parentId: (number | null)[];
  level: GridLevel[];
  name: string[];
  code: string[];
  /** Households directly in each grid (not below it). */
  households: number[];
}

/** A worker named in a deletion preview. */
export interface WorkerRef {
  id: number;
  name: string;
}

/** What deleting grids does to the workers who serve or served them (the workers themselves stay). */
export interface DeleteWorkers {
  /** Everyone whose assignments to these grids (current or past) go: their history there is lost. */
  affected: WorkerRef[];
  /** Of those, who holds one of these grids now and no grid elsewhere: left without a grid (待安排). */
  leftWithoutGrid: WorkerRef[];
}

export interface DeletePreview {
  grid: { id: number; name: string; label: string; code: string; level: GridLevel };
  /** Descendants that a cascade would delete, per level (index 0 = level 1). */
  descendants: [number, number, number, number];
  /** Total number of grids that would be deleted, the grid itself included. */
  total: number;
  /** Households in those grids (deleted with them). */
  households: number;
  /** Assignments, current and past, to those grids (deleted with them; the workers stay). */
  assignments: number;
  workers: DeleteWorkers;
  /** WeChat-group QR codes uploaded for those grids (deleted with them). */
  qrCodes: number;
  /** Everything else deleted with those grids, per table (households and assignments included). */
  cascade: DeleteEffect[];
  /** Records that refer to those grids and must be kept: while any exist the grid cannot be deleted. */
  blockers: DeleteEffect[];
  /** Records that stay but will no longer refer to a grid. */
  detached: DeleteEffect[];
}

const levelSchema = z
  .number({ error: '请选择网格层级' })
  .int()
  .min(1, { error: '网格层级应为 1–4' })
  .max(4, { error: '网格层级应为 1–4' }) as unknown as z.ZodType<GridLevel>;

export const gridNameSchema = z
  .string({ error: '请填写名称' })
  .trim()
  .min(1, { error: '请填写名称' })
  .max(40, { error: '名称不能超过 40 个字' });

/** Grid codes: digits only, up to 24 (local short codes like 111401 or the 20-digit CJ/T 349 code). */
export const gridCodeSchema = z
  .string({ error: '请填写网格编码' })
  .trim()
  .min(1, { error: '请填写网格编码' })
  .max(24, { error: '网格编码不能超过 24 位' })
  .regex(/^\d+$/, { error: '网格编码只能由数字组成' });

/** 12-digit statistical division code (统计用区划代码), optional; '' means none. */
export const divisionCodeSchema = z
  .string()
  .trim()
  .refine((v) => v === '' || /^\d{12}$/.test(v), { error: '统计用区划代码应为 12 位数字' });

const idSchema = z.number({ error: '缺少编号' }).int().positive();

export const gridCreateSchema = z
  .object({
    parentId: idSchema.nullable(),
    level: levelSchema,
    name: gridNameSchema,
    code: gridCodeSchema,
    kind: z.enum(VILLAGE_KINDS).nullable().default(null),
    divisionCode: divisionCodeSchema.default(''),
  })
  .superRefine((v, ctx) => {
    if (v.level === 2 && !v.kind) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: '请选择“村”或“社区”' });
    }
    if (v.level > 2 && v.divisionCode !== '') {
      ctx.addIssue({
        code: 'custom',
        path: ['divisionCode'],
        message: '只有镇和村（社区）才有统计用区划代码',
      });
    }
    if (v.level === 1 && v.parentId !== null) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: '一级网格（镇）没有上级网格' });
    }
    if (v.level > 1 && v.parentId === null) {
      ctx.addIssue({ code: 'custom', path: ['parentId'], message: '请选择上级网格' });
    }
  });
export type GridCreateInput = z.input<typeof gridCreateSchema>;

export const gridUpdateSchema = z.object({
  id: idSchema,
  name: gridNameSchema,
  code: gridCodeSchema,
  kind: z.enum(VILLAGE_KINDS).nullable().default(null),
  divisionCode: divisionCodeSchema.default(''),
});
export type GridUpdateInput = z.input<typeof gridUpdateSchema>;

export const gridMoveSchema = z.object({
  id: idSchema,
  parentId: idSchema,
  /** Keep the codes as they are instead of re-coding the subtree under its new parent. */
  keepCodes: z.boolean().default(false),
});
export type GridMoveInput = z.input<typeof gridMoveSchema>;

export const gridDeleteSchema = z.object({
  id: idSchema,
  /** The clerk confirmed deleting the listed descendants too. */
  cascade: z.boolean().default(false),
});

export const gridIdSchema = z.object({ id: idSchema });

export const gridTreeSchema = z
  .object({
    /** Only the grids down to this level (the tree starts with townships and villages shown). */
    maxLevel: levelSchema.optional(),
  })
  .strict();

export const gridSuggestCodeSchema = z.object({
  parentId: idSchema.nullable(),
});

export const gridCodeLookupSchema = z.object({ code: z.string().trim().min(1, { error: '请填写网格编码' }).max(40) });
export const gridQrSetSchema = z.object({ id: idSchema, file: pathSchema });

/** The grids domain's endpoints. */
export const gridsApi = {
  'grids/tree': read(gridTreeSchema).returns<GridNode[]>(),
  'grids/treeRows': read(none).returns<GridTreeRows>(),
  'grids/get': read(gridIdSchema).returns<GridNode>(),
  'grids/byCode': read(gridCodeLookupSchema).returns<GridNode>(),
  'grids/create': write(gridCreateSchema, '新增网格').returns<GridNode>(),
  'grids/update': write(gridUpdateSchema, '修改网格').returns<GridNode>(),
  'grids/move': write(gridMoveSchema, '移动网格').returns<GridNode>(),
  'grids/deletePreview': read(gridIdSchema).returns<DeletePreview>(),
  'grids/delete': write(gridDeleteSchema, '删除网格').returns<{ deleted: number }>(),
  'grids/suggestCode': read(gridSuggestCodeSchema).returns<{ code: string | null }>(),
  'grids/qr': read(gridIdSchema).returns<{ image: string | null }>(),
  'grids/setQr': write(gridQrSetSchema, '上传微信群二维码', { files: { file: 'read' } }).returns<{
    image: string | null;
  }>(),
  'grids/clearQr': write(gridIdSchema, '删除微信群二维码').returns<{ image: string | null }>(),
};
