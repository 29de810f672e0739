import type { Generated } from 'kysely';

/** Scores are in tenths of a point (`*_x10`), money in integer 分 (`*_fen`). */

export interface WelfarePostsTable {
  id: Generated<number>;
  worker_id: number;
  post: string;
  start_date: string;
  /** Inclusive; null while the post is held. */
  end_date: string | null;
  notes: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface EvalSchemesTable {
  id: Generated<number>;
  name: string;
  /** month / quarter / half / year */
  period: string;
  /** JSON, validated by the shared scheme schema. */
  definition: string;
  archived: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface EvalSheetsTable {
  id: Generated<number>;
  scheme_id: number;
  village_id: number;
  period_start: string;
  period_end: string;
  period_label: string;
  version: Generated<number>;
  /** 草稿 / 已审定 / 已更正 */
  status: string;
  scheme_snapshot: string;
  previous_id: number | null;
  correction_reason: Generated<string>;
  scorer: Generated<string>;
  approved_at: string | null;
  approved_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvalLinesTable {
  id: Generated<number>;
  sheet_id: number;
  worker_id: number;
  position: number;
  grids: string;
  /** JSON counts from the records. */
  counts: string;
  total_x10: number;
  grade: string;
  excluded: string | null;
}

export interface EvalScoresTable {
  line_id: number;
  item_key: string;
  suggested_x10: number;
  score_x10: number;
  reason: Generated<string>;
}

export interface RecommendationsTable {
  id: Generated<number>;
  worker_id: number;
  /** party / reserve / deputy / award */
  pipeline: string;
  year: number;
  stage: string;
  /** 进行中 / 已完成 / 未通过 */
  status: string;
  deeds: Generated<string>;
  village_opinion: Generated<string>;
  township_opinion: Generated<string>;
  award_level: string | null;
  award_issuer: string | null;
  certificate_no: string | null;
  notes: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface RecommendationStepsTable {
  id: Generated<number>;
  recommendation_id: number;
  stage: string;
  step_date: string;
  /** 通过 / 未通过 / 暂缓 */
  decision: string;
  decided_by: Generated<string>;
  notes: Generated<string>;
}

export interface SubsidyRulesTable {
  id: Generated<number>;
  /** case / info / welfare / coefficient */
  mechanism: string;
  valid_from: string;
  /** JSON, validated by the shared rule schemas. */
  config: string;
  notes: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface CollectiveSharesTable {
  id: Generated<number>;
  village_id: number;
  period_start: string;
  period_end: string;
  amount_fen: number;
  /** equal / score / manual */
  split: string;
  /** JSON {workerId: fen} */
  manual: Generated<string>;
  notes: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface PayoutBatchesTable {
  id: Generated<number>;
  title: string;
  period_start: string;
  period_end: string;
  grid_id: number | null;
  /** 草稿 / 已审定 / 已发放 */
  status: string;
  computed_at: string;
  approved_at: string | null;
  approved_by: string | null;
  paid_at: string | null;
  notes: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface PayoutLinesTable {
  id: Generated<number>;
  batch_id: number;
  worker_id: number;
  village_id: number | null;
  /** case / info / collective / welfare */
  mechanism: string;
  count: number;
  computed_fen: number;
  adjust_fen: Generated<number>;
  adjust_reason: Generated<string>;
  /** JSON evidence. */
  evidence: string;
}
