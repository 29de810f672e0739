// Frozen once released. Never edit; add a new migration instead.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.notNull().unique())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('political_status', 'text', (c) => c.notNull())
    .addColumn('education', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('photo', 'blob')
    .addColumn('photo_type', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workers_name').on('workers').column('name').execute();

  await db.schema
    .createTable('worker_tags')
    .addColumn('worker_id', 'integer', (c) => c.notNull().references('workers.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('worker_tags_pk', ['worker_id', 'tag'])
    .execute();
  await db.schema.createIndex('worker_tags_tag').on('worker_tags').column('tag').execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('worker_id', 'integer', (c) => c.notNull().references('workers.id').onDelete('restrict'))
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assignments_worker').on('assignments').column('worker_id').execute();
  await db.schema.createIndex('assignments_grid').on('assignments').columns(['grid_id', 'end_date']).execute();

  await db.schema
    .createTable('households')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('grid_id', 'integer', (c) => c.notNull().references('grids.id').onDelete('restrict'))
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text', (c) => c.unique())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('door_number', 'text', (c) => c.notNull())
    .addColumn('members', 'integer')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('households_grid').on('households').column('grid_id').execute();
  await db.schema.createIndex('households_head').on('households').column('head_name').execute();

  await db.schema
    .createTable('household_tags')
    .addColumn('household_id', 'integer', (c) => c.notNull().references('households.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('household_tags_pk', ['household_id', 'tag'])
    .execute();

  await db.schema
    .createTable('import_mappings')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['import_mappings', 'household_tags', 'households', 'assignments', 'worker_tags', 'workers']) {
    await db.schema.dropTable(t).execute();
  }
}
