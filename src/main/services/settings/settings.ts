import { DEFAULT_SETTINGS, settingsSchema, storedSettingsSchema, type Settings } from '../../../shared/settings';
import { inTransaction } from '../../db/transaction';
import type { DbOrTrx } from '../../db/schema';

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/**
 * The clerk's settings, with defaults for anything never saved (or unreadable). A phone saved
 * before phones were checked comes back as written: the form and the print check name it.
 */
export async function getSettings(db: DbOrTrx): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // An unreadable value falls back to its default below.
    }
  }
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of KEYS) {
    const candidate = { ...DEFAULT_SETTINGS, [key]: stored[key] ?? DEFAULT_SETTINGS[key] };
    if (storedSettingsSchema.safeParse(candidate).success) merged[key] = candidate[key];
  }
  return storedSettingsSchema.parse(merged);
}

export async function updateSettings(db: DbOrTrx, settings: Settings): Promise<Settings> {
  const valid = settingsSchema.parse(settings);
  await inTransaction(db, async (trx) => {
    for (const key of KEYS) {
      const value = JSON.stringify(valid[key]);
      await trx
        .insertInto('settings')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
  });
  return getSettings(db);
}
