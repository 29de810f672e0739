import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readReferences } from '../../src/main/db/references';
import { TABLE_LABELS, isRegistered } from '../../src/main/db/schema/labels';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, type TestApp } from '../helpers/context';

// Tables a later release might add, created straight in the test database: deletion must
// find them from the schema alone.
let app: TestApp;
beforeEach(async () => {
  app = await openTestApp();
});
afterEach(async () => {
  await app.close();
  delete TABLE_LABELS.fake_records;
  delete TABLE_LABELS.fake_visits;
});

function exec(statement: string): void {
  app.ctx.handle.sqlite.exec(statement);
}

function count(table: string): number {
  return (app.ctx.handle.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
}

async function seed() {
  const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
  const village = await app.call('grids/create', {
    parentId: town.id,
    level: 2,
    name: '田家河村',
    code: '1114',
    kind: '村',
  });
  const group = await app.call('grids/create', { parentId: village.id, level: 3, name: '十四组', code: '111401' });
  const hh1 = await app.call('grids/create', { parentId: group.id, level: 4, name: '十四组第1网格', code: '11140101' });
  const hh2 = await app.call('grids/create', { parentId: group.id, level: 4, name: '十四组第2网格', code: '11140102' });
  const zhang = await app.call('households/create', { gridId: hh1.id, headName: '张三' });
  const li = await app.call('households/create', { gridId: hh2.id, headName: '李四' });
  return { town, village, group, hh1, hh2, zhang, li };
}

/** Everything a refused deletion must leave as it was. */
function snapshot() {
  return {
    grids: count('grids'),
    households: count('households'),
    fake: count('fake_records'),
  };
}

describe('references from the schema', () => {
  it('reads each referring table and column with its ON DELETE action and the app’s effect', async () => {
    exec('create table fake_records (grid_id integer references grids(id) on delete restrict)');
    const refs = await readReferences(app.ctx.handle.db);
    const toGrids = refs.filter((r) => r.parent === 'grids').map((r) => [r.table, r.columns[0], r.onDelete, r.effect]);
    expect(toGrids).toEqual(
      expect.arrayContaining([
        ['grids', 'parent_id', 'RESTRICT', 'cascade'],
        ['households', 'grid_id', 'RESTRICT', 'cascade'],
        ['assignments', 'grid_id', 'RESTRICT', 'cascade'],
        ['grid_qr', 'grid_id', 'CASCADE', 'cascade'],
        ['fake_records', 'grid_id', 'RESTRICT', 'keep'],
      ]),
    );
    const assignmentsToWorkers = refs.find((r) => r.table === 'assignments' && r.parent === 'workers');
    expect(assignmentsToWorkers).toMatchObject({ parentColumns: ['id'], onDelete: 'RESTRICT', effect: 'keep' });
  });

  it('has a label registered for every table of the schema', () => {
    const tables = app.ctx.handle.sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite%' and name not like 'kysely%'",
      )
      .all() as { name: string }[];
    expect(tables.length).toBeGreaterThan(5);
    expect(tables.map((t) => t.name).filter((t) => !isRegistered(t))).toEqual([]);
  });
});

describe('grid deletion refuses where records must be kept', () => {
  beforeEach(() => {
    exec('create table fake_records (grid_id integer references grids(id) on delete restrict)');
  });

  it('refuses the grid and its village while a restricting row refers to the grid; nothing deleted', async () => {
    const { village, group, hh2 } = await seed();
    exec(`insert into fake_records values (${group.id})`);
    const before = snapshot();

    const preview = await app.call('grids/deletePreview', { id: village.id });
    expect(preview.blockers).toEqual([{ table: 'fake_records', count: 1, text: '1 条其他数据（表 fake_records）' }]);
    for (const id of [group.id, village.id]) {
      const refused = await dispatch(app.ctx, 'grids/delete', { id, cascade: true });
      expect(!refused.ok && refused.error.code).toBe('CONFLICT');
      expect(!refused.ok && refused.error.message).toContain('1 条其他数据（表 fake_records）');
      expect(!refused.ok && refused.error.message).toContain('必须保留');
      expect(snapshot()).toEqual(before);
    }
    // A grid the record does not refer to still goes.
    expect(await app.call('grids/delete', { id: hh2.id, cascade: true })).toEqual({ deleted: 1 });
  });

  it('refuses through a cascade: a record kept for a household of the subtree stops the village', async () => {
    const { village, zhang } = await seed();
    exec('create table fake_notes (household_id integer references households(id))');
    exec(`insert into fake_notes values (${zhang.id})`);
    const before = snapshot();
    const preview = await app.call('grids/deletePreview', { id: village.id });
    expect(preview.blockers.map((b) => b.text)).toEqual(['1 条其他数据（表 fake_notes）']);
    const refused = await dispatch(app.ctx, 'grids/delete', { id: village.id, cascade: true });
    expect(!refused.ok && refused.error.message).toContain('1 条其他数据（表 fake_notes）');
    expect(snapshot()).toEqual(before);
  });

  it('names the table by its registered label', async () => {
    TABLE_LABELS.fake_records = { label: '矛盾纠纷记录', unit: '件' };
    const { village, group } = await seed();
    exec(`insert into fake_records values (${group.id}), (${group.id})`);
    const refused = await dispatch(app.ctx, 'grids/delete', { id: village.id, cascade: true });
    expect(!refused.ok && refused.error.message).toBe(
      '“田家河村”不能删除：还有 2 件矛盾纠纷记录关联到该网格或其下级网格，这些记录必须保留。',
    );
  });

  it('takes restricting rows along when the registry says they go with their grid', async () => {
    TABLE_LABELS.fake_records = { label: '走访记录', unit: '条', deletedWith: ['grids'] };
    const { village, group } = await seed();
    exec(`insert into fake_records values (${group.id})`);
    const preview = await app.call('grids/deletePreview', { id: village.id });
    expect(preview.blockers).toEqual([]);
    expect(preview.cascade.map((e) => e.text)).toContain('1 条走访记录');
    await app.call('grids/delete', { id: village.id, cascade: true });
    expect(count('fake_records')).toBe(0);
  });
});

describe('grid deletion follows cascades from the schema', () => {
  beforeEach(() => {
    exec('create table fake_visits (grid_id integer not null references grids(id) on delete cascade, note text)');
  });

  it('lists cascading rows with their count, asks for confirmation, then deletes them', async () => {
    const { village, hh1, hh2 } = await seed();
    exec(`insert into fake_visits values (${hh1.id}, 'a'), (${hh1.id}, 'b'), (${hh2.id}, 'c')`);
    const other = await app.call('grids/create', {
      parentId: village.parentId,
      level: 2,
      name: '石桥村',
      code: '1115',
      kind: '村',
    });
    exec(`insert into fake_visits values (${other.id}, 'kept')`);

    const preview = await app.call('grids/deletePreview', { id: village.id });
    expect(preview.cascade).toEqual([
      { table: 'households', count: 2, text: '2 户住户' },
      { table: 'fake_visits', count: 3, text: '3 条其他数据（表 fake_visits）' },
    ]);
    expect(preview).toMatchObject({ total: 4, households: 2, assignments: 0, blockers: [] });

    const unconfirmed = await dispatch(app.ctx, 'grids/delete', { id: village.id });
    expect(!unconfirmed.ok && unconfirmed.error.code).toBe('HAS_CHILDREN');
    expect(!unconfirmed.ok && unconfirmed.error.message).toContain(
      '1 个三级网格、2 个四级网格、2 户住户、3 条其他数据（表 fake_visits）',
    );
    expect(count('fake_visits')).toBe(4);

    expect(await app.call('grids/delete', { id: village.id, cascade: true })).toEqual({ deleted: 4 });
    expect(app.ctx.handle.sqlite.prepare('select note from fake_visits').all()).toEqual([{ note: 'kept' }]);
    expect(count('households')).toBe(0);
  });

  it('asks before deleting a leaf grid that only cascading rows refer to', async () => {
    TABLE_LABELS.fake_visits = { label: '走访记录', unit: '条' };
    const { hh1, zhang } = await seed();
    await app.call('households/delete', { id: zhang.id });
    exec(`insert into fake_visits values (${hh1.id}, 'a')`);
    const refused = await dispatch(app.ctx, 'grids/delete', { id: hh1.id });
    expect(!refused.ok && refused.error.message).toContain('下还有 1 条走访记录');
    expect(await app.call('grids/delete', { id: hh1.id, cascade: true })).toEqual({ deleted: 1 });
    expect(count('fake_visits')).toBe(0);
  });

  it('deletes rows that cascade from one deleted row and restrict another before either', async () => {
    const { village, group, zhang } = await seed();
    exec(`create table fake_cases (
      grid_id integer references grids(id) on delete cascade,
      household_id integer references households(id) on delete restrict)`);
    exec(`insert into fake_cases values (${group.id}, ${zhang.id})`);
    expect((await app.call('grids/deletePreview', { id: village.id })).blockers).toEqual([]);
    await app.call('grids/delete', { id: village.id, cascade: true });
    expect(count('fake_cases')).toBe(0);
  });

  it('takes parts of rows (tags) along without listing them', async () => {
    const { hh1 } = await seed();
    await app.call('households/create', { gridId: hh1.id, headName: '王五', tags: ['低保户', '独居老人'] });
    const preview = await app.call('grids/deletePreview', { id: hh1.id });
    expect(preview.cascade.map((e) => e.text)).toEqual(['2 户住户']);
    await app.call('grids/delete', { id: hh1.id, cascade: true });
    expect(count('household_tags')).toBe(0);
  });

  it('keeps rows whose reference is set null, listed as unlinked', async () => {
    const { village, group } = await seed();
    exec('create table fake_links (grid_id integer references grids(id) on delete set null)');
    exec(`insert into fake_links values (${group.id})`);
    const preview = await app.call('grids/deletePreview', { id: village.id });
    expect(preview.detached.map((e) => e.text)).toEqual(['1 条其他数据（表 fake_links）']);
    expect(preview.blockers).toEqual([]);
    await app.call('grids/delete', { id: village.id, cascade: true });
    expect(app.ctx.handle.sqlite.prepare('select grid_id from fake_links').all()).toEqual([{ grid_id: null }]);
  });
});

describe('household deletion', () => {
  it('refuses while a record that must be kept refers to the household; cascades the rest', async () => {
    const { zhang, li } = await seed();
    exec('create table fake_notes (household_id integer references households(id) on delete no action)');
    exec('create table fake_calls (household_id integer references households(id) on delete cascade)');
    exec(`insert into fake_notes values (${zhang.id})`);
    exec(`insert into fake_calls values (${li.id}), (${li.id})`);

    const refused = await dispatch(app.ctx, 'households/delete', { id: zhang.id });
    expect(!refused.ok && refused.error.code).toBe('CONFLICT');
    expect(!refused.ok && refused.error.message).toBe(
      '户主“张三”的住户不能删除：还有 1 条其他数据（表 fake_notes）关联到该住户，这些记录必须保留。',
    );
    expect(count('households')).toBe(2);

    expect(await app.call('households/delete', { id: li.id })).toEqual({ deleted: 1 });
    expect(count('fake_calls')).toBe(0);
    expect(count('households')).toBe(1);
  });
});
