import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface GridsTable {
  id: Generated<number>;
  parent_id: number | null;
  /** 1 镇, 2 村/社区, 3 村民小组, 4 户级网格 */
  level: number;
  name: string;
  /** Unique grid code, digits only; imported codes are kept as they are. */
  code: string;
  /** '村' or '社区' for level 2; null otherwise. */
  kind: string | null;
  /** 12-digit statistical division code (levels 1–2 only). */
  division_code: string | null;
  created_at: string;
  updated_at: string;
}

export interface GridQrTable {
  grid_id: number;
  image: Buffer;
  /** image/png or image/jpeg */
  image_type: string;
  updated_at: string;
}

export type GridRow = Selectable<GridsTable>;
export type NewGridRow = Insertable<GridsTable>;
export type GridRowUpdate = Updateable<GridsTable>;
