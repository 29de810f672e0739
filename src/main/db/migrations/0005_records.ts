// Frozen once released. Never edit; add a new migration instead.
import type { Kysely } from 'kysely';

/**
 * What grid workers do: disputes (with their handling steps), information reports, publicity,
 * services, visits, trainings (with who attended) and WeChat groups. Every record belongs to a grid
 * and is kept when someone tries to delete that grid, worker or household (RESTRICT: deletion
 * names them and refuses). `match_key` is what identifies a row in a village's cumulative ledger,
 * so a re-import updates it instead of adding it twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('disputes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    .addColumn('worker_id', 'integer', (c) => c.references('workers.id').onDelete('restrict'))
    .addColumn('found_date', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('scale', 'text', (c) => c.notNull())
    .addColumn('parties', 'text', (c) => c.notNull())
    .addColumn('people', 'integer')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('settled_level', 'text')
    .addColumn('settle_date', 'text')
    .addColumn('difficulty', 'text')
    .addColumn('deadline', 'text')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disputes_grid_date').on('disputes').columns(['grid_id', 'found_date']).execute();
  await db.schema.createIndex('disputes_date').on('disputes').column('found_date').execute();
  await db.schema.createIndex('disputes_worker').on('disputes').column('worker_id').execute();
  await db.schema.createIndex('disputes_match').on('disputes').column('match_key').execute();

  await db.schema
    .createTable('dispute_steps')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('dispute_id', 'integer', (c) => c.notNull().references('disputes.id').onDelete('cascade'))
    .addColumn('step_date', 'text', (c) => c.notNull())
    .addColumn('handler', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dispute_steps_dispute').on('dispute_steps').column('dispute_id').execute();

  await db.schema
    .createTable('info_reports')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    .addColumn('worker_id', 'integer', (c) => c.references('workers.id').onDelete('restrict'))
    .addColumn('report_date', 'text', (c) => c.notNull())
    .addColumn('report_time', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('handling', 'text', (c) => c.notNull())
    .addColumn('reported_to', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('important', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('info_reports_grid_date')
    .on('info_reports')
    .columns(['grid_id', 'report_date'])
    .execute();
  await db.schema.createIndex('info_reports_date').on('info_reports').column('report_date').execute();
  await db.schema.createIndex('info_reports_worker').on('info_reports').column('worker_id').execute();
  await db.schema.createIndex('info_reports_match').on('info_reports').column('match_key').execute();

  await db.schema
    .createTable('publicity')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    // A ledger may give only a month (2026.03): stored as its first day, precision 'month'.
    .addColumn('event_date', 'text', (c) => c.notNull())
    .addColumn('date_precision', 'text', (c) => c.notNull().defaultTo('day'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('materials', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('publicity_grid_date').on('publicity').columns(['grid_id', 'event_date']).execute();
  await db.schema.createIndex('publicity_date').on('publicity').column('event_date').execute();
  await db.schema.createIndex('publicity_match').on('publicity').column('match_key').execute();

  await db.schema
    .createTable('services')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    .addColumn('worker_id', 'integer', (c) => c.references('workers.id').onDelete('restrict'))
    .addColumn('household_id', 'integer', (c) => c.references('households.id').onDelete('restrict'))
    .addColumn('service_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('services_grid_date').on('services').columns(['grid_id', 'service_date']).execute();
  await db.schema.createIndex('services_date').on('services').column('service_date').execute();
  await db.schema.createIndex('services_worker').on('services').column('worker_id').execute();
  await db.schema.createIndex('services_household').on('services').column('household_id').execute();
  await db.schema.createIndex('services_match').on('services').column('match_key').execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    .addColumn('worker_id', 'integer', (c) => c.references('workers.id').onDelete('restrict'))
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    // Problems found, by type: a JSON object {"安全隐患": 1, …}; `problems` is their sum.
    .addColumn('problem_types', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('problems', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('solved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_grid_date').on('visits').columns(['grid_id', 'visit_date']).execute();
  await db.schema.createIndex('visits_date').on('visits').column('visit_date').execute();
  await db.schema.createIndex('visits_worker').on('visits').column('worker_id').execute();
  await db.schema.createIndex('visits_match').on('visits').column('match_key').execute();

  await db.schema
    .createTable('trainings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // The organiser: the township (trains levels 1–3) or a village (levels 3–4).
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    .addColumn('training_date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('trainer', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer')
    .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trainings_grid_date').on('trainings').columns(['grid_id', 'training_date']).execute();
  await db.schema.createIndex('trainings_date').on('trainings').column('training_date').execute();
  await db.schema.createIndex('trainings_match').on('trainings').column('match_key').execute();

  await db.schema
    .createTable('training_attendees')
    .addColumn('training_id', 'integer', (c) => c.notNull().references('trainings.id').onDelete('cascade'))
    .addColumn('worker_id', 'integer', (c) => c.notNull().references('workers.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('training_attendees_pk', ['training_id', 'worker_id'])
    .execute();
  await db.schema.createIndex('training_attendees_worker').on('training_attendees').column('worker_id').execute();

  await db.schema
    .createTable('wechat_groups')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('grid_id', 'integer', (c) => c.notNull().unique().references('grids.id').onDelete('restrict'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'wechat_groups',
    'training_attendees',
    'trainings',
    'visits',
    'services',
    'publicity',
    'info_reports',
    'dispute_steps',
    'disputes',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
