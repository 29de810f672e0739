import type { Insertable, Selectable } from 'kysely';

/** Key/value settings; value is JSON. */
export interface SettingsTable {
  key: string;
  value: string;
}

export type SettingRow = Selectable<SettingsTable>;
export type NewSettingRow = Insertable<SettingsTable>;
