/**
 * The import's memory of a clerk's corrected column mapping, per header layout: a file with the
 * same header next time gets the same mapping by itself.
 */
import type { DbOrTrx } from '../../db/schema';

export interface StoredMapping {
  kind: string;
  /** Field → the header it was read from as written (null: the clerk unmapped it). */
  byHeader: Record<string, string | null>;
}

export async function findMapping(db: DbOrTrx, signature: string): Promise<StoredMapping | null> {
  const row = await db
    .selectFrom('import_mappings')
    .select(['mapping', 'kind'])
    .where('signature', '=', signature)
    .executeTakeFirst();
  if (!row) return null;
  return { kind: row.kind, byHeader: JSON.parse(row.mapping) as Record<string, string | null> };
}

export async function saveMapping(db: DbOrTrx, signature: string, stored: StoredMapping): Promise<void> {
  const { kind } = stored;
  const mapping = JSON.stringify(stored.byHeader);
  const ts = new Date().toISOString();
  await db
    .insertInto('import_mappings')
    .values({ signature, kind, mapping, updated_at: ts })
    .onConflict((oc) => oc.column('signature').doUpdateSet({ mapping, kind, updated_at: ts }))
    .execute();
}
