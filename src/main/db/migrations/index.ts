import type { Migration } from 'kysely';
import * as m0001 from './0001_grids_settings';
import * as m0002 from './0002_rosters';
import * as m0003 from './0003_grid_qr';
import * as m0004 from './0004_audit_log';
import * as m0005 from './0005_records';
import * as m0006 from './0006_incentives';

/**
 * Every migration, in order. Names sort in the order they must run. A migration is frozen
 * once released: fix mistakes with a new one.
 */
export const migrations: Record<string, Migration> = {
  '0001_grids_settings': m0001,
  '0002_rosters': m0002,
  '0003_grid_qr': m0003,
  '0004_audit_log': m0004,
  '0005_records': m0005,
  '0006_incentives': m0006,
};

export const migrationNames = Object.keys(migrations);
export const latestMigration = migrationNames[migrationNames.length - 1]!;
