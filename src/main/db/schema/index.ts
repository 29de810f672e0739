import type { Kysely, Transaction } from 'kysely';
import type { GridQrTable, GridsTable } from './grids';
import type { SettingsTable } from './settings';
import type { AuditLogTable } from './audit';
import type {
  CollectiveSharesTable,
  EvalLinesTable,
  EvalSchemesTable,
  EvalScoresTable,
  EvalSheetsTable,
  PayoutBatchesTable,
  PayoutLinesTable,
  RecommendationStepsTable,
  RecommendationsTable,
  SubsidyRulesTable,
  WelfarePostsTable,
} from './incentives';
import type {
  DisputeStepsTable,
  DisputesTable,
  InfoReportsTable,
  PublicityTable,
  ServicesTable,
  TrainingAttendeesTable,
  TrainingsTable,
  VisitsTable,
  WechatGroupsTable,
} from './records';
import type {
  AssignmentsTable,
  HouseholdTagsTable,
  HouseholdsTable,
  ImportMappingsTable,
  WorkerTagsTable,
  WorkersTable,
} from './rosters';

export interface Database {
  grids: GridsTable;
  grid_qr: GridQrTable;
  settings: SettingsTable;
  workers: WorkersTable;
  worker_tags: WorkerTagsTable;
  assignments: AssignmentsTable;
  households: HouseholdsTable;
  household_tags: HouseholdTagsTable;
  import_mappings: ImportMappingsTable;
  audit_log: AuditLogTable;
  disputes: DisputesTable;
  dispute_steps: DisputeStepsTable;
  info_reports: InfoReportsTable;
  publicity: PublicityTable;
  services: ServicesTable;
  visits: VisitsTable;
  trainings: TrainingsTable;
  training_attendees: TrainingAttendeesTable;
  wechat_groups: WechatGroupsTable;
  welfare_posts: WelfarePostsTable;
  eval_schemes: EvalSchemesTable;
  eval_sheets: EvalSheetsTable;
  eval_lines: EvalLinesTable;
  eval_scores: EvalScoresTable;
  recommendations: RecommendationsTable;
  recommendation_steps: RecommendationStepsTable;
  subsidy_rules: SubsidyRulesTable;
  collective_shares: CollectiveSharesTable;
  payout_batches: PayoutBatchesTable;
  payout_lines: PayoutLinesTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: services accept either. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export type * from './grids';
export type * from './settings';
export type * from './rosters';
export type * from './audit';
export type * from './records';
export type * from './incentives';
