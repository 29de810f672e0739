/**
 * Guard for restore (issue 8, "Tests that catch what they guard"): a backup whose header,
 * migrations and tables all look like GridDesk's but whose pages fail SQLite's integrity check
 * is refused, and the data in use stays as it was. The damage sits where nothing else on the way
 * in reads (the settings table: no foreign keys, no dated rows), so only the integrity check can
 * see it; the same file undamaged restores.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';

let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
  await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
});
afterEach(async () => {
  await app.close();
});

/** A real GridDesk database with two townships, closed (one self-contained file). */
async function backupFile(): Promise<string> {
  const other = await openTestApp(tempDir());
  await other.call('grids/create', { parentId: null, level: 1, name: '石门镇', code: '21' });
  const town = await other.call('grids/create', { parentId: null, level: 1, name: '白河镇', code: '22' });
  const village = await other.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '许坪村',
    code: '2201',
    kind: '村',
  });
  const group = await other.call('grids/create', { parentId: village.id, level: 3, name: '一组', code: '220101' });
  const hh = await other.call('grids/create', { parentId: group.id, level: 4, name: '一组第1网格', code: '22010101' });
  const settings = await other.call('settings/get', {});
  await other.call('settings/update', { ...settings, unitName: '白河镇人民政府', supervisionPhone: '0913-1234567' });
  for (let i = 0; i < 300; i++) {
    await other.call('households/create', { gridId: hh.id, headName: '张三', address: `许坪村一组${i}号` });
  }
  await other.close();
  const raw = new BetterSqlite3(other.dbPath);
  raw.pragma('journal_mode = DELETE');
  raw.close();
  return other.dbPath;
}

/** Edits the file behind SQLite's checks, the way a failing disk or a crashed copy would leave it. */
function withRaw(file: string, fn: (db: BetterSqlite3.Database) => void): void {
  const raw = new BetterSqlite3(file);
  try {
    fn(raw);
  } finally {
    raw.close();
  }
}

/**
 * Scrambles the last leaf page of `table` past its 8-byte header, as a failing disk would: the
 * page still says how many rows it holds (so counting them works) but no row can be read.
 */
function scramblePage(file: string, table: string): void {
  let page = 0;
  let pageSize = 0;
  withRaw(file, (db) => {
    pageSize = db.pragma('page_size', { simple: true }) as number;
    const leaves = db.prepare("select pageno from dbstat where name = ? and pagetype = 'leaf'").all(table) as {
      pageno: number;
    }[];
    page = leaves.at(-1)!.pageno;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize - 8, 0xa5), 0, pageSize - 8, (page - 1) * pageSize + 8);
  fs.closeSync(fd);
  withRaw(file, (db) => expect(db.pragma('integrity_check', { simple: true })).not.toBe('ok'));
}

async function townships(): Promise<string[]> {
  return (await app.call('grids/tree', {})).filter((g) => g.level === 1).map((g) => g.name);
}

describe('restore checks the integrity of what it installs', () => {
  it('refuses a backup with a damaged page that nothing but the integrity check reads, and changes nothing', async () => {
    const file = await backupFile();
    scramblePage(file, 'settings');
    const r = await dispatch(app.ctx, 'backup/restoreFromFile', { file });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('未做任何恢复');
    expect(await townships()).toEqual(['温水镇']);
    expect(await app.call('stats/get', {})).toMatchObject({ households: 0, grids: { level1: 1 } });
  });

  it('refuses a backup with a damaged page of households, and changes nothing', async () => {
    const file = await backupFile();
    scramblePage(file, 'households');
    const r = await dispatch(app.ctx, 'backup/restoreFromFile', { file });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('未做任何恢复');
    expect(await townships()).toEqual(['温水镇']);
  });

  it('refuses a backup whose rows break the schema CHECK constraints (a grid at level 9)', async () => {
    const file = await backupFile();
    withRaw(file, (db) => {
      db.pragma('ignore_check_constraints = ON');
      db.prepare("update grids set level = 9 where code = '22'").run();
    });
    const r = await dispatch(app.ctx, 'backup/restoreFromFile', { file });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('未做任何恢复');
    expect(await townships()).toEqual(['温水镇']);
  });

  it('restores the same backup when it is sound', async () => {
    const file = await backupFile();
    const r = await dispatch(app.ctx, 'backup/restoreFromFile', { file });
    expect(r.ok).toBe(true);
    expect(await townships()).toEqual(['石门镇', '白河镇']);
    expect((await app.call('stats/get', {})).households).toBe(300);
  });
});
