import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface WorkersTable {
  id: Generated<number>;
  name: string;
  gender: string;
  /** 18-digit resident ID number: sensitive, never logged or printed unmasked. */
  id_number: string;
  birth_date: string;
  phone: string;
  political_status: string;
  education: string;
  /** 在岗 or 离任 */
  status: string;
  notes: string;
  photo: Buffer | null;
  photo_type: string | null;
  /** 银行账号 for subsidy payouts: sensitive, masked unless the clerk asks for it in full. */
  bank_account: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface WorkerTagsTable {
  worker_id: number;
  tag: string;
}

export interface AssignmentsTable {
  id: Generated<number>;
  worker_id: number;
  grid_id: number;
  /** 网格员 or 网格长 */
  role: string;
  title: string;
  start_date: string | null;
  /** null while the assignment is current. */
  end_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface HouseholdsTable {
  id: Generated<number>;
  grid_id: number;
  head_name: string;
  id_number: string | null;
  phone: string;
  address: string;
  door_number: string;
  members: number | null;
  notes: string;
  created_at: string;
  updated_at: string;
}

export interface HouseholdTagsTable {
  household_id: number;
  tag: string;
}

export interface ImportMappingsTable {
  signature: string;
  kind: string;
  mapping: string;
  updated_at: string;
}

export type WorkerRow = Selectable<WorkersTable>;
export type NewWorkerRow = Insertable<WorkersTable>;
export type WorkerRowUpdate = Updateable<WorkersTable>;
export type AssignmentRow = Selectable<AssignmentsTable>;
export type NewAssignmentRow = Insertable<AssignmentsTable>;
export type HouseholdRow = Selectable<HouseholdsTable>;
export type NewHouseholdRow = Insertable<HouseholdsTable>;
