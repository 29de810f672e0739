// Frozen: shipped in 0.1.0. Never edit; add a new migration instead.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('grids')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('parent_id', 'integer', (c) => c.references('grids.id').onDelete('restrict'))
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 4`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text')
    .addColumn('division_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('grids_parent_id').on('grids').column('parent_id').execute();
  await db.schema.createIndex('grids_level').on('grids').column('level').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('settings').execute();
  await db.schema.dropTable('grids').execute();
}
