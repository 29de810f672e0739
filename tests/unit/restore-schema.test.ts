/**
 * Every released schema version: a database left at it opens in this version with its data
 * intact, and restores as a backup; what "complete schema" means for a version is derived from
 * the migrations themselves.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appliedMigrations, openDatabase, openRaw, type DbHandle } from '../../src/main/db/connection';
import { latestMigration, migrationNames } from '../../src/main/db/migrations';
import { expectedSchema, readSchema } from '../../src/main/db/verify';
import { createAppContext } from '../../src/main/ipc/context';
import { dispatch } from '../../src/main/ipc/dispatch';
import { buildFixture, RELEASED_VERSIONS, tableContents } from '../fixtures/schema/build';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';

const open: (DbHandle | TestApp)[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function fixture(version: (typeof RELEASED_VERSIONS)[number]): Promise<string> {
  const file = path.join(tempDir(), `griddesk-${version}.sqlite`);
  await buildFixture(file, version);
  return file;
}

function contentsOf(file: string): Record<string, unknown[]> {
  const sqlite = openRaw(file, { readonly: true });
  try {
    return tableContents(sqlite);
  } finally {
    sqlite.close();
  }
}

describe('released schema versions', () => {
  it('lists every migration up to the latest as a released version with a fixture', () => {
    // A new migration, once released, gets its rows in tests/fixtures/schema/build.ts.
    expect(RELEASED_VERSIONS).toEqual(migrationNames);
  });

  it.each(RELEASED_VERSIONS)('a fixture at %s has exactly the schema its migrations create', async (version) => {
    const file = await fixture(version);
    const sqlite = openRaw(file, { readonly: true });
    try {
      expect(appliedMigrations(sqlite)).toEqual(migrationNames.slice(0, migrationNames.indexOf(version) + 1));
      expect(readSchema(sqlite)).toEqual(await expectedSchema(version));
    } finally {
      sqlite.close();
    }
  });

  it.each(RELEASED_VERSIONS)('a database at %s is upgraded to the latest with its data intact', async (version) => {
    const file = await fixture(version);
    const before = contentsOf(file);
    const h = await openDatabase(file);
    open.push(h);
    expect(appliedMigrations(h.sqlite)).toEqual(migrationNames);
    expect(h.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(readSchema(h.sqlite)).toEqual(await expectedSchema(latestMigration));
    const after = tableContents(h.sqlite);
    // Columns added by later versions may appear; every old value stays.
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toMatchObject(rows);

    // The app reads the upgraded data through its handlers.
    const ctx = createAppContext({
      handle: h,
      backupDir: path.join(path.dirname(file), 'backups'),
      resourcesDir: '',
      version: 'test',
    });
    const stats = await dispatch(ctx, 'stats/get', {});
    expect(stats.ok && stats.value).toMatchObject({ grids: { level1: 1, level2: 2, level3: 2, level4: 3 } });
    const settings = await dispatch(ctx, 'settings/get', {});
    expect(settings.ok && settings.value.unitName).toBe('温水镇综治中心');
    if (version !== '0001_grids_settings') {
      expect(stats.ok && stats.value).toMatchObject({ households: 4, workers: 3 });
      const list = await dispatch(ctx, 'households/list', { gridId: null });
      expect(list.ok && list.value.rows.map((r) => r.headName).sort()).toEqual(
        ['刘桂兰', '周玉芬', '张国富', '赵　勇'].sort(),
      );
    }
  });

  it.each(RELEASED_VERSIONS)('a backup at %s restores, is upgraded and keeps its data', async (version) => {
    const file = await fixture(version);
    const before = contentsOf(file);
    const app = await openTestApp();
    open.push(app);
    await app.call('demo/create', { townships: 1 });
    const preview = await app.call('backup/inspectFile', { file });
    expect(preview.backup).toMatchObject({
      schemaVersion: version,
      needsUpgrade: version !== latestMigration,
      counts: { grids: 8, workers: version === '0001_grids_settings' ? 0 : 3, records: 0 },
      newestChange: expect.stringMatching(/^2025-06-18T16:05:42/),
    });
    await app.call('backup/restoreFromFile', { file });
    expect(appliedMigrations(app.ctx.handle.sqlite)).toEqual(migrationNames);
    const after = tableContents(app.ctx.handle.sqlite);
    for (const [table, rows] of Object.entries(before)) {
      // The restore itself adds its 操作日志 entry.
      const got = table === 'audit_log' ? after[table]!.slice(0, rows.length) : after[table];
      expect(got, table).toMatchObject(rows);
    }
    expect((await app.call('grids/tree', {})).map((g) => g.code)).toContain('01010201');
  });
});
