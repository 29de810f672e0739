// Frozen once released. Never edit; add a new migration instead.
import type { Kysely } from 'kysely';

/**
 * Incentives: evaluations (考核), recommendations and awards (推优), subsidies (补贴).
 *
 * Scores are stored in tenths of a point (`*_x10`) and money in integer 分 (`*_fen`): no floats.
 * Scheme definitions, rule settings and evidence are JSON documents validated by the shared zod
 * schemas; an evaluation sheet keeps the scheme it was scored with, so editing a scheme never
 * changes an approved sheet. Everything refers to workers and grids with RESTRICT: deleting a
 * worker or village refuses and names the evaluations, pipelines and payouts behind them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await rosterAdditions(db);
  await evaluations(db);
  await recommendations(db);
  await subsidies(db);
}

async function rosterAdditions(db: Kysely<unknown>): Promise<void> {
  // 银行账号 for the 补贴发放表: sensitive like the ID number (masked unless the clerk asks).
  await db.schema
    .alterTable('workers')
    .addColumn('bank_account', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // 公益岗位 held by a worker: paid a monthly rate by months in post. end_date inclusive, null = still held.
  await db.schema
    .createTable('welfare_posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('worker_id', 'integer', (c) => c.notNull().references('workers.id').onDelete('restrict'))
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('welfare_posts_worker').on('welfare_posts').column('worker_id').execute();
}

async function evaluations(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('eval_schemes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    /** month / quarter / half / year */
    .addColumn('period', 'text', (c) => c.notNull())
    /** JSON: criteria, bonus and deduction items, grade bands, levels, minimum months, weighted combination. */
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('eval_sheets')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('scheme_id', 'integer', (c) => c.notNull().references('eval_schemes.id').onDelete('restrict'))
    .addColumn('village_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    /** 2026年第一季度 */
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    /** 草稿 → 已审定; a corrected sheet becomes 已更正 when its next version is approved. */
    .addColumn('status', 'text', (c) => c.notNull())
    /** The scheme's definition as scored: JSON. */
    .addColumn('scheme_snapshot', 'text', (c) => c.notNull())
    .addColumn('previous_id', 'integer', (c) => c.references('eval_sheets.id').onDelete('restrict'))
    .addColumn('correction_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('scorer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('eval_sheets_version')
    .unique()
    .on('eval_sheets')
    .columns(['scheme_id', 'village_id', 'period_start', 'version'])
    .execute();
  await db.schema.createIndex('eval_sheets_period').on('eval_sheets').columns(['period_start', 'period_end']).execute();

  await db.schema
    .createTable('eval_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('sheet_id', 'integer', (c) => c.notNull().references('eval_sheets.id').onDelete('cascade'))
    .addColumn('worker_id', 'integer', (c) => c.notNull().references('workers.id').onDelete('restrict'))
    .addColumn('position', 'integer', (c) => c.notNull())
    /** The grids held in the period, as labelled when scored. */
    .addColumn('grids', 'text', (c) => c.notNull())
    /** JSON: the counts from the records that pre-filled the row. */
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('total_x10', 'integer', (c) => c.notNull())
    .addColumn('grade', 'text', (c) => c.notNull())
    /** Why the worker is listed but not graded (任职不满 6 个月); null when graded. */
    .addColumn('excluded', 'text')
    .execute();
  await db.schema.createIndex('eval_lines_sheet').on('eval_lines').column('sheet_id').execute();
  await db.schema.createIndex('eval_lines_worker').on('eval_lines').column('worker_id').execute();

  await db.schema
    .createTable('eval_scores')
    .addColumn('line_id', 'integer', (c) => c.notNull().references('eval_lines.id').onDelete('cascade'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('suggested_x10', 'integer', (c) => c.notNull())
    .addColumn('score_x10', 'integer', (c) => c.notNull())
    /** Required when the score differs from the suggestion. */
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('eval_scores_pk', ['line_id', 'item_key'])
    .execute();
}

async function recommendations(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recommendations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('worker_id', 'integer', (c) => c.notNull().references('workers.id').onDelete('restrict'))
    /** party / reserve / deputy / award */
    .addColumn('pipeline', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    /** The stage reached (入党积极分子…); its steps say when and how it was decided. */
    .addColumn('stage', 'text', (c) => c.notNull())
    /** 进行中 / 已完成 / 未通过 */
    .addColumn('status', 'text', (c) => c.notNull())
    /** 主要事迹 for the 推荐表: drawn from the records, edited by the clerk. */
    .addColumn('deeds', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('village_opinion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('township_opinion', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('award_level', 'text')
    .addColumn('award_issuer', 'text')
    .addColumn('certificate_no', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recommendations_worker').on('recommendations').column('worker_id').execute();
  await db.schema
    .createIndex('recommendations_pipeline_year')
    .on('recommendations')
    .columns(['pipeline', 'year'])
    .execute();

  await db.schema
    .createTable('recommendation_steps')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('recommendation_id', 'integer', (c) => c.notNull().references('recommendations.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('step_date', 'text', (c) => c.notNull())
    /** 通过 / 未通过 / 暂缓 */
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createIndex('recommendation_steps_rec')
    .on('recommendation_steps')
    .column('recommendation_id')
    .execute();
}

async function subsidies(db: Kysely<unknown>): Promise<void> {
  // A rule is in force from valid_from until the next rule of its mechanism starts.
  await db.schema
    .createTable('subsidy_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    /** case / info / welfare / coefficient */
    .addColumn('mechanism', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    /** JSON: rates in 分, or the coefficient per grade in percent. */
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subsidy_rules_from')
    .unique()
    .on('subsidy_rules')
    .columns(['mechanism', 'valid_from'])
    .execute();

  await db.schema
    .createTable('collective_shares')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('village_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('amount_fen', 'integer', (c) => c.notNull())
    /** equal / score / manual */
    .addColumn('split', 'text', (c) => c.notNull())
    /** JSON {workerId: fen} when split by hand. */
    .addColumn('manual', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collective_shares_village').on('collective_shares').column('village_id').execute();

  await db.schema
    .createTable('payout_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    /** A village or group the batch covers; null for the whole township. */
    .addColumn('grid_id', 'integer', (c) => c.references('grids.id').onDelete('restrict'))
    /** 草稿 → 已审定 (locked) → 已发放 */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('payout_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('payout_batches.id').onDelete('cascade'))
    .addColumn('worker_id', 'integer', (c) => c.notNull().references('workers.id').onDelete('restrict'))
    .addColumn('village_id', 'integer', (c) => c.references('grids.id').onDelete('restrict'))
    /** case / info / collective / welfare */
    .addColumn('mechanism', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('computed_fen', 'integer', (c) => c.notNull())
    .addColumn('adjust_fen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('adjust_reason', 'text', (c) => c.notNull().defaultTo(''))
    /** JSON: the records, months and rules behind the amount. */
    .addColumn('evidence', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payout_lines_batch').on('payout_lines').column('batch_id').execute();
  await db.schema.createIndex('payout_lines_worker').on('payout_lines').column('worker_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'payout_lines',
    'payout_batches',
    'collective_shares',
    'subsidy_rules',
    'recommendation_steps',
    'recommendations',
    'eval_scores',
    'eval_lines',
    'eval_sheets',
    'eval_schemes',
    'welfare_posts',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('workers').dropColumn('bank_account').execute();
}
