import type { Generated } from 'kysely';

/** Columns every record table has: who made the row and when, and its ledger identity. */
interface Stamped {
  id: Generated<number>;
  /** What identifies the row in a village's cumulative ledger (see services/records/identity.ts). */
  match_key: string;
  created_at: string;
  updated_at: string;
}

export interface DisputesTable extends Stamped {
  grid_id: number;
  worker_id: number | null;
  /** 排查日期 */
  found_date: string;
  place: string;
  category: string;
  /** 一般 / 较大 / 重大 */
  scale: string;
  parties: string;
  people: number | null;
  summary: string;
  /** 排查中 → 调处中 → 调解成功 / 调解不成 / 移交处理 */
  status: string;
  /** 户级网格 / 村民小组 / 村 / 镇 / 移交: where it was settled. */
  settled_level: string | null;
  settle_date: string | null;
  /** 简单 / 一般 / 重大 (以案定补). */
  difficulty: string | null;
  /** 化解时限 */
  deadline: string | null;
  notes: string;
}

export interface DisputeStepsTable {
  id: Generated<number>;
  dispute_id: number;
  step_date: string;
  handler: string;
  action: string;
}

export interface InfoReportsTable extends Stamped {
  grid_id: number;
  worker_id: number | null;
  report_date: string;
  /** HH:MM, or '' when the ledger gives only a date. */
  report_time: string;
  type: string;
  summary: string;
  handling: string;
  reported_to: string;
  result: string;
  /** 1 when it counts as 重要信息. */
  important: Generated<number>;
}

export interface PublicityTable extends Stamped {
  grid_id: number;
  event_date: string;
  /** 'month' when the ledger gave only a month: event_date is then its first day. */
  date_precision: Generated<string>;
  topic: string;
  /** 入户 / 集中 / 微信群 */
  form: string;
  households: Generated<number>;
  people: Generated<number>;
  materials: Generated<number>;
  notes: string;
}

export interface ServicesTable extends Stamped {
  grid_id: number;
  worker_id: number | null;
  household_id: number | null;
  service_date: string;
  /** 代办 / 照料 / 帮扶 / 其他 */
  kind: string;
  content: string;
  result: string;
}

export interface VisitsTable extends Stamped {
  grid_id: number;
  worker_id: number | null;
  visit_date: string;
  households: Generated<number>;
  /** JSON object: problems found by type. */
  problem_types: Generated<string>;
  problems: Generated<number>;
  solved: Generated<number>;
  reported: Generated<number>;
  notes: string;
}

export interface TrainingsTable extends Stamped {
  /** The organiser: the township or a village. */
  grid_id: number;
  training_date: string;
  /** 培训 / 例会 */
  kind: string;
  audience: string;
  place: string;
  content: string;
  trainer: string;
  expected: number | null;
  attended: Generated<number>;
}

export interface TrainingAttendeesTable {
  training_id: number;
  worker_id: number;
}

export interface WechatGroupsTable {
  id: Generated<number>;
  grid_id: number;
  name: string;
  owner: string;
  members: Generated<number>;
  households: Generated<number>;
  notes: string;
  created_at: string;
  updated_at: string;
}
