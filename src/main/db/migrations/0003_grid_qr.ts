// Frozen once released. Never edit; add a new migration instead.
import type { Kysely } from 'kysely';

/** The WeChat group QR code of a grid (微信群建在网格上), printed on contact cards. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('grid_qr')
    .addColumn('grid_id', 'integer', (c) => c.primaryKey().references('grids.id').onDelete('cascade'))
    .addColumn('image', 'blob', (c) => c.notNull())
    .addColumn('image_type', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('grid_qr').execute();
}
