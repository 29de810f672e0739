import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idInfo, idProblem, maskId } from '../../src/shared/idcard';
import { normalizeIdNumber, normalizeName, normalizePhone, phoneProblem } from '../../src/shared/text';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, type TestApp } from '../helpers/context';
import fs from 'node:fs';
import path from 'node:path';
import { makeId, PNG_1PX } from '../helpers/people';
import { TABLE_LABELS } from '../../src/main/db/schema/labels';

describe('ID numbers and text', () => {
  it('checks GB 11643 check characters, dates and lengths', () => {
    expect(idProblem('61032719620402853X')).toBeNull(); // from the sample roster
    expect(idProblem('610327196204028531')).toContain('校验位');
    expect(idProblem('610327196202308538')).toContain('出生日期');
    expect(idProblem('610327620402853')).toContain('15 位');
    expect(idProblem('6103271962040285')).toContain('18 位');
    expect(idInfo('61032719620402853X')).toEqual({ birthDate: '1962-04-02', gender: '男' });
    expect(maskId('61032719620402853X')).toBe('610327********853X');
  });

  it('refuses birth dates in the future, before 1900 or more than 120 years ago', () => {
    const today = '2026-11-27';
    expect(idProblem(makeId('2030-05-12', 11, '男'), today)).toBe('身份证号中的出生日期晚于今天（2030 年），请核对');
    expect(idProblem(makeId('2026-11-28', 11, '男'), today)).toContain('晚于今天');
    expect(idProblem(makeId('2026-11-27', 11, '男'), today)).toBeNull();
    expect(idProblem(makeId('1899-12-31', 11, '男'), today)).toBe(
      '身份证号中的出生日期早于 1900 年（1899 年），请核对',
    );
    expect(idProblem(makeId('1906-11-26', 11, '男'), today)).toContain('超过 120 岁');
    expect(idProblem(makeId('1906-11-27', 11, '男'), today)).toBeNull();
    // Without a date given, today is the clerks' today.
    expect(idProblem(makeId('2099-01-01', 11, '男'))).toContain('晚于今天');
  });

  it('normalises names, IDs and phones as villages type them', () => {
    expect(normalizeName('王　强')).toBe('王强');
    expect(normalizeName(' 阿卜杜 • 热合曼 ')).toBe('阿卜杜·热合曼');
    expect(normalizeIdNumber('６１０３２７１９６２０４０２８５３ｘ')).toBe('61032719620402853X');
    expect(normalizeIdNumber('61032719620402853x')).toBe('61032719620402853X');
    expect(normalizePhone('１８３ ６６１９ １９５０')).toBe('18366191950');
    expect(normalizePhone('(0913) 2345678')).toBe('0913-2345678');
    expect(phoneProblem('0913-2345678')).toBeNull();
    expect(phoneProblem('1836619195')).toContain('11 位');
  });
});

describe('workers, assignments and households', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await openTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  async function tree() {
    const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
    const village = await app.call('grids/create', {
      parentId: town.id,
      level: 2,
      name: '田家河村',
      code: '1114',
      kind: '村',
    });
    const group = await app.call('grids/create', { parentId: village.id, level: 3, name: '十四组', code: '111401' });
    const hh = await app.call('grids/create', {
      parentId: group.id,
      level: 4,
      name: '十四组第1网格',
      code: '11140101',
    });
    const hh2 = await app.call('grids/create', {
      parentId: group.id,
      level: 4,
      name: '十四组第2网格',
      code: '11140102',
    });
    return { town, village, group, hh, hh2 };
  }

  const guo = () => ({
    name: '郭书科',
    gender: '男' as const,
    idNumber: makeId('1968-05-12', 11, '男'),
    phone: '13912345678',
    politicalStatus: '中共党员',
    tags: ['老党员', '村民代表'],
  });

  it('creates a worker, refuses the same ID twice and a gender that contradicts the ID', async () => {
    const w = await app.call('workers/create', guo());
    expect(w.birthDate).toBe('1968-05-12');
    expect(w.tags).toEqual(['村民代表', '老党员']);
    const dup = await dispatch(app.ctx, 'workers/create', { ...guo(), name: '郭书' });
    expect(!dup.ok && dup.error.fields?.idNumber).toContain('已登记为网格员“郭书科”');
    const wrongGender = await dispatch(app.ctx, 'workers/create', {
      ...guo(),
      idNumber: makeId('1970-01-01', 1, '女'),
      gender: '男',
    });
    expect(!wrongGender.ok && wrongGender.error.fields?.gender).toContain('身份证号显示为女');
    const badId = await dispatch(app.ctx, 'workers/create', { ...guo(), idNumber: '610327196805121111' });
    expect(!badId.ok && badId.error.fields?.idNumber).toContain('校验位');
    expect((await app.call('stats/get', {})).workers).toBe(1);
  });

  it('assigns a person to several grids, keeps history, lists vacancies', async () => {
    const { group, hh, hh2 } = await tree();
    const w = await app.call('workers/create', guo());
    await app.call('assignments/create', {
      workerId: w.id,
      gridId: group.id,
      role: '网格长',
      title: '村民小组组长',
      startDate: '2021-03-01',
    });
    const both = await app.call('assignments/create', {
      workerId: w.id,
      gridId: hh.id,
      title: '村民代表',
      startDate: '2021-03-01',
    });
    expect(
      both.assignments
        .filter((a) => a.endDate === null)
        .map((a) => a.gridCode)
        .sort(),
    ).toEqual(['111401', '11140101']);

    const vacancies = await app.call('grids/vacancies', { level: 4 });
    expect(vacancies.map((v) => v.code)).toEqual(['11140102']);

    // A new worker for the grid, confirmed as replacing the holder, ends their assignment that day.
    const other = await app.call('workers/create', {
      ...guo(),
      name: '李民宝',
      idNumber: makeId('1965-04-25', 8, '男'),
    });
    await app.call('assignments/create', {
      workerId: other.id,
      gridId: hh.id,
      startDate: '2024-01-01',
      replace: { holderId: w.id, holderAfter: '待安排' },
    });
    const history = await app.call('grids/assignments', { id: hh.id });
    expect(history.map((a) => [a.workerName, a.endDate])).toEqual([
      ['李民宝', null],
      ['郭书科', '2024-01-01'],
    ]);
    const ended = await app.call('assignments/end', { id: history[0]!.id, endDate: '2025-06-30' });
    expect(ended.assignments.find((a) => a.gridId === hh.id)?.endDate).toBe('2025-06-30');
    expect((await app.call('grids/vacancies', { level: 4 })).map((v) => v.code)).toEqual(['11140101', '11140102']);
    void hh2;
  });

  it('filters and searches the worker list, masking ID numbers', async () => {
    const { village, group } = await tree();
    const w = await app.call('workers/create', guo());
    await app.call('workers/create', {
      ...guo(),
      name: '丁英辉',
      gender: '女',
      idNumber: makeId('1992-07-09', 20, '女'),
      phone: '19499547576',
      politicalStatus: '群众',
      tags: ['致富能手'],
    });
    await app.call('assignments/create', { workerId: w.id, gridId: group.id, role: '网格长' });
    const all = await app.call('workers/list', {});
    expect(all.total).toBe(2);
    expect(all.rows[0]!.idMasked).toMatch(/^610327\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(all)).not.toContain(guo().idNumber);
    expect((await app.call('workers/list', { tag: '致富能手' })).rows.map((r) => r.name)).toEqual(['丁英辉']);
    expect((await app.call('workers/list', { politicalStatus: '中共党员' })).rows.map((r) => r.name)).toEqual([
      '郭书科',
    ]);
    expect((await app.call('workers/list', { gridId: village.id })).rows.map((r) => r.name)).toEqual(['郭书科']);
    expect((await app.call('workers/list', { level: 3 })).rows[0]!.grids[0]).toMatchObject({
      gridCode: '111401',
      role: '网格长',
    });
    expect((await app.call('workers/list', { search: '19499' })).rows.map((r) => r.name)).toEqual(['丁英辉']);
    expect((await app.call('workers/list', { search: guo().idNumber.slice(-6) })).rows.map((r) => r.name)).toEqual([
      '郭书科',
    ]);
  });

  it('keeps households in household grids, counts them up the tree, moves them', async () => {
    const { village, group, hh, hh2 } = await tree();
    const wrongGrid = await dispatch(app.ctx, 'households/create', { gridId: group.id, headName: '张三' });
    expect(!wrongGrid.ok && wrongGrid.error.fields?.gridId).toContain('户级网格');
    const ids: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const h = await app.call('households/create', {
        gridId: hh.id,
        headName: `住户${'甲乙丙'[i - 1]}`,
        members: i + 1,
        address: `田家河村十四组${i}号`,
        tags: i === 1 ? ['低保户'] : [],
      });
      ids.push(h.id);
    }
    const t = await app.call('grids/tree', {});
    expect(t.find((g) => g.id === village.id)?.households).toBe(3);
    expect(t.find((g) => g.id === hh.id)?.households).toBe(3);
    expect((await app.call('households/list', { tag: '低保户' })).rows.map((r) => r.headName)).toEqual(['住户甲']);
    expect(await app.call('households/move', { ids: ids.slice(0, 2), gridId: hh2.id })).toEqual({ moved: 2 });
    expect((await app.call('households/list', { gridId: hh2.id })).total).toBe(2);
    expect((await app.call('stats/get', {})).households).toBe(3);
  });

  it('keeps a worker photo (JPG or PNG, at most 2 MB) in the database', async () => {
    const w = await app.call('workers/create', guo());
    const png = path.join(app.dir, 'photo.png');
    fs.writeFileSync(png, PNG_1PX);
    const r = await app.call('workers/setPhoto', { id: w.id, file: png });
    expect(r.photo).toBe(`data:image/png;base64,${PNG_1PX.toString('base64')}`);
    expect(await app.call('workers/photo', { id: w.id })).toEqual(r);

    const fake = path.join(app.dir, 'fake.jpg');
    fs.writeFileSync(fake, 'not an image');
    const bad = await dispatch(app.ctx, 'workers/setPhoto', { id: w.id, file: fake });
    expect(!bad.ok && bad.error.message).toContain('JPG 或 PNG');
    const big = path.join(app.dir, 'big.png');
    fs.writeFileSync(big, Buffer.concat([PNG_1PX, Buffer.alloc(3 * 1024 * 1024)]));
    const tooBig = await dispatch(app.ctx, 'workers/setPhoto', { id: w.id, file: big });
    expect(!tooBig.ok && tooBig.error.message).toContain('2 MB');
    // The stored photo is untouched by the refused ones.
    expect(await app.call('workers/photo', { id: w.id })).toEqual(r);
    expect(await app.call('workers/clearPhoto', { id: w.id })).toEqual({ photo: null });
  });

  it('deleting a grid lists and removes its households and assignments, never the workers', async () => {
    const { village, hh } = await tree();
    const w = await app.call('workers/create', guo());
    await app.call('assignments/create', { workerId: w.id, gridId: hh.id });
    await app.call('households/create', { gridId: hh.id, headName: '张三' });
    const preview = await app.call('grids/deletePreview', { id: hh.id });
    expect(preview).toMatchObject({ total: 1, households: 1, assignments: 1 });
    const refused = await dispatch(app.ctx, 'grids/delete', { id: hh.id });
    expect(!refused.ok && refused.error.message).toContain('1 户住户、1 条网格员任职记录');
    await app.call('grids/delete', { id: village.id, cascade: true });
    const stats = await app.call('stats/get', {});
    expect(stats).toMatchObject({ households: 0, workers: 1 });
  });
});

describe('who holds a grid, and what becomes of the one replaced', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await openTestApp();
  });
  afterEach(async () => {
    await app.close();
    delete TABLE_LABELS.fake_visits;
  });

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
    const group = await app.call('grids/create', { parentId: village.id, level: 3, name: '一组', code: '111401' });
    const hh = await app.call('grids/create', { parentId: group.id, level: 4, name: '第1网格', code: '11140101' });
    const person = (name: string, seq: number) =>
      app.call('workers/create', {
        name,
        gender: '男',
        idNumber: makeId('1970-01-01', seq, '男'),
        phone: '13900000000',
      });
    const guo = await person('郭书科', 1);
    const li = await person('李民宝', 2);
    await app.call('assignments/create', { workerId: guo.id, gridId: hh.id, startDate: '2021-03-01' });
    return { town, village, group, hh, guo, li };
  }

  const state = async (id: number) => (await app.call('workers/get', { id })).state;

  it('refuses to replace the current holder unless told whom, and names them', async () => {
    const { hh, guo, li } = await seed();
    const holder = await app.call('assignments/holder', { gridId: hh.id, role: '网格员' });
    expect(holder).toMatchObject({
      workerId: guo.id,
      workerName: '郭书科',
      startDate: '2021-03-01',
      gridLabel: '田家河村 / 一组 / 第1网格',
      otherGrids: [],
    });
    const silent = await dispatch(app.ctx, 'assignments/create', { workerId: li.id, gridId: hh.id });
    expect(!silent.ok && silent.error.code).toBe('CONFLICT');
    expect(!silent.ok && silent.error.message).toBe(
      '“田家河村 / 一组 / 第1网格”现由“郭书科”担任网格员（自 2021-03-01 起）。要改由“李民宝”担任，请先确认替换。',
    );
    // A screen opened before someone else took the grid must not replace that someone.
    const stale = await dispatch(app.ctx, 'assignments/create', {
      workerId: li.id,
      gridId: hh.id,
      replace: { holderId: li.id, holderAfter: '待安排' },
    });
    expect(!stale.ok && stale.error.message).toContain('现由“郭书科”担任');
    expect((await app.call('grids/assignments', { id: hh.id })).map((a) => [a.workerName, a.endDate])).toEqual([
      ['郭书科', null],
    ]);
    await app.call('assignments/create', {
      workerId: li.id,
      gridId: hh.id,
      startDate: '2024-01-01',
      replace: { holderId: guo.id, holderAfter: '待安排' },
    });
    expect((await app.call('grids/assignments', { id: hh.id })).map((a) => [a.workerName, a.endDate])).toEqual([
      ['李民宝', null],
      ['郭书科', '2024-01-01'],
    ]);
    expect(await state(guo.id)).toBe('待安排');
    expect(await state(li.id)).toBe('在岗');
  });

  it('lets the replaced holder leave, and refuses a start before theirs', async () => {
    const { group, hh, guo, li } = await seed();
    const early = await dispatch(app.ctx, 'assignments/create', {
      workerId: li.id,
      gridId: hh.id,
      startDate: '2020-01-01',
      replace: { holderId: guo.id, holderAfter: '离任' },
    });
    expect(!early.ok && early.error.fields?.startDate).toBe('任职日期不能早于“郭书科”的任职日期 2021-03-01');
    await app.call('assignments/create', {
      workerId: li.id,
      gridId: hh.id,
      replace: { holderId: guo.id, holderAfter: '离任' },
    });
    expect(await state(guo.id)).toBe('离任');
    const audit = await app.call('audit/list', {});
    expect(audit.rows[0]!.summary).toBe('李民宝 任 田家河村 / 一组 / 第1网格网格员，接替郭书科（郭书科离任）');
    // Appointed again, the one who had left is in post again.
    await app.call('assignments/create', { workerId: guo.id, gridId: group.id, role: '网格长' });
    expect(await state(guo.id)).toBe('在岗');
  });

  it('shows 待安排 for a worker in post with no current grid: list, filter and detail', async () => {
    const { village, hh, guo, li } = await seed();
    const list = await app.call('workers/list', {});
    // Workers without a grid come first: they wait for the clerk.
    expect(list.rows.map((r) => [r.name, r.state])).toEqual([
      ['李民宝', '待安排'],
      ['郭书科', '在岗'],
    ]);
    expect(list.rows[1]!.grids[0]!.gridLabel).toBe('田家河村 / 一组 / 第1网格');
    expect((await app.call('workers/list', { status: '待安排' })).rows.map((r) => r.name)).toEqual(['李民宝']);
    expect((await app.call('workers/list', { status: '在岗' })).rows.map((r) => r.name)).toEqual(['郭书科']);
    // Deleting the village takes the assignments: its worker is not quietly 在岗 afterwards.
    await app.call('grids/delete', { id: village.id, cascade: true });
    expect((await app.call('workers/list', { status: '待安排' })).rows.map((r) => r.name).sort()).toEqual(
      ['李民宝', '郭书科'].sort(),
    );
    expect(await state(guo.id)).toBe('待安排');
    void hh;
    void li;
  });

  it('ends the last grid asking what follows: 待安排 or 离任; refuses 离任 while other grids remain', async () => {
    const { group, hh, guo } = await seed();
    await app.call('assignments/create', { workerId: guo.id, gridId: group.id, role: '网格长' });
    const detail = await app.call('workers/get', { id: guo.id });
    const [first, second] = detail.assignments;
    expect(detail.assignments.map((a) => a.gridLabel)).toEqual(['田家河村 / 一组', '田家河村 / 一组 / 第1网格']);
    const refused = await dispatch(app.ctx, 'assignments/end', { id: first!.id, after: '离任' });
    expect(!refused.ok && refused.error.message).toBe(
      '“郭书科”还担任 田家河村 / 一组 / 第1网格（网格员），不能设为离任；请先结束那里的任职。',
    );
    await app.call('assignments/end', { id: first!.id, after: '待安排' });
    expect(await state(guo.id)).toBe('在岗');
    await app.call('assignments/end', { id: second!.id, after: '离任' });
    expect(await state(guo.id)).toBe('离任');
    void hh;
  });

  it('refuses 离任 by editing while the worker holds grids; an edit leaves the status alone', async () => {
    const { guo } = await seed();
    const fields = { ...guo, assignments: undefined, birthDate: undefined, state: undefined };
    const refused = await dispatch(app.ctx, 'workers/update', { ...fields, status: '离任' });
    expect(!refused.ok && refused.error.fields?.status).toContain('还担任 田家河村 / 一组 / 第1网格（网格员）');
    const { status: _omit, ...withoutStatus } = fields;
    void _omit;
    await app.call('workers/update', { ...withoutStatus, phone: '13911112222' });
    expect((await app.call('workers/get', { id: guo.id })).status).toBe('在岗');
  });

  it('puts several workers out of post in one write, ending their grids on the date', async () => {
    const { group, hh, guo, li } = await seed();
    await app.call('assignments/create', {
      workerId: li.id,
      gridId: group.id,
      role: '网格长',
      startDate: '2025-01-01',
    });
    const tooEarly = await dispatch(app.ctx, 'workers/leave', { ids: [guo.id, li.id], endDate: '2024-06-30' });
    expect(!tooEarly.ok && tooEarly.error.fields?.endDate).toBe(
      '离任日期不能早于任职日期：李民宝 在 田家河村 / 一组 自 2025-01-01 起任职',
    );
    expect(await state(guo.id)).toBe('在岗');
    const r = await app.call('workers/leave', { ids: [guo.id, li.id], endDate: '2025-06-30' });
    expect(r).toEqual({ workers: 2, ended: 2 });
    expect(await state(guo.id)).toBe('离任');
    expect(await state(li.id)).toBe('离任');
    expect((await app.call('grids/assignments', { id: hh.id }))[0]!.endDate).toBe('2025-06-30');
    const audit = (await app.call('audit/list', {})).rows[0]!;
    expect(audit).toMatchObject({ action: '网格员离任', counts: { 网格员: 2, 任职: 2 } });
    expect(audit.summary).toBe('郭书科、李民宝 离任（2025-06-30），结束 2 项任职');
  });

  it('finds the households of the selected workers’ grids, for their contact cards', async () => {
    const { group, hh, guo, li } = await seed();
    const hh2 = await app.call('grids/create', { parentId: group.id, level: 4, name: '第2网格', code: '11140102' });
    const a = await app.call('households/create', { gridId: hh.id, headName: '张三' });
    const b = await app.call('households/create', { gridId: hh2.id, headName: '李四' });
    const scope = await app.call('workers/cardScope', { ids: [guo.id, li.id] });
    expect(scope).toEqual({
      gridId: hh.id,
      householdIds: [a.id],
      grids: ['田家河村 / 一组 / 第1网格'],
      withoutGrid: ['李民宝'],
    });
    void b;
  });

  it('deletes a worker only after the preview named their history and photo', async () => {
    const { hh, guo } = await seed();
    const png = path.join(app.dir, 'p.png');
    fs.writeFileSync(png, PNG_1PX);
    await app.call('workers/setPhoto', { id: guo.id, file: png });
    const preview = await app.call('workers/deletePreview', { id: guo.id });
    expect(preview).toMatchObject({
      worker: { id: guo.id, name: '郭书科' },
      current: ['田家河村 / 一组 / 第1网格（网格员）'],
      photo: true,
      blockers: [],
    });
    expect(preview.cascade.map((e) => e.text)).toEqual(['1 条网格员任职记录']);
    const refused = await dispatch(app.ctx, 'workers/delete', { id: guo.id });
    expect(!refused.ok && refused.error.message).toBe(
      '删除“郭书科”将一并删除 1 条网格员任职记录、照片，并空出 田家河村 / 一组 / 第1网格（网格员）。请确认后再删除。',
    );
    expect(count('workers')).toBe(2);
    await app.call('workers/delete', { id: guo.id, confirm: true });
    expect(count('workers')).toBe(1);
    expect(count('assignments')).toBe(0);
    expect(count('worker_tags')).toBe(0);
    expect((await app.call('grids/vacancies', { level: 4 })).map((v) => v.id)).toEqual([hh.id]);
    expect((await app.call('audit/list', {})).rows[0]!.summary).toBe('郭书科（连同 1 条网格员任职记录、照片）');
  });

  it('refuses to delete a worker while records that must be kept refer to them', async () => {
    const { guo, li } = await seed();
    TABLE_LABELS.fake_visits = { label: '走访记录', unit: '条' };
    app.ctx.handle.sqlite.exec('create table fake_visits (worker_id integer references workers(id))');
    app.ctx.handle.sqlite.exec(`insert into fake_visits values (${guo.id})`);
    const preview = await app.call('workers/deletePreview', { id: guo.id });
    expect(preview.blockers.map((e) => e.text)).toEqual(['1 条走访记录']);
    const refused = await dispatch(app.ctx, 'workers/delete', { id: guo.id, confirm: true });
    expect(!refused.ok && refused.error.message).toBe(
      '“郭书科”不能删除：还有 1 条走访记录关联到该网格员，这些记录必须保留。',
    );
    expect(count('assignments')).toBe(1);
    // A worker with nothing attached goes without a checkbox.
    expect(await app.call('workers/delete', { id: li.id })).toEqual({ deleted: 1 });
  });

  it('names grids from the village down in household lists', async () => {
    const { hh } = await seed();
    const h = await app.call('households/create', { gridId: hh.id, headName: '张三' });
    expect(h.gridLabel).toBe('田家河村 / 一组 / 第1网格');
    expect((await app.call('households/list', {})).rows[0]!.gridLabel).toBe('田家河村 / 一组 / 第1网格');
  });
});

describe('ID numbers with impossible birth dates are refused everywhere', () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await openTestApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('in the worker form, the household form and the roster import', async () => {
    const future = makeId('2030-05-12', 11, '男');
    const w = await dispatch(app.ctx, 'workers/create', {
      name: '郭书科',
      gender: '男',
      idNumber: future,
      phone: '13912345678',
    });
    expect(!w.ok && w.error.fields?.idNumber).toBe('身份证号中的出生日期晚于今天（2030 年），请核对');
    const town = await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
    const v = await app.call('grids/create', {
      parentId: town.id,
      level: 2,
      name: '田家河村',
      code: '1114',
      kind: '村',
    });
    const g = await app.call('grids/create', { parentId: v.id, level: 3, name: '一组', code: '111401' });
    const hh = await app.call('grids/create', { parentId: g.id, level: 4, name: '第1网格', code: '11140101' });
    const h = await dispatch(app.ctx, 'households/create', {
      gridId: hh.id,
      headName: '张三',
      idNumber: makeId('1890-01-01', 3, '男'),
    });
    expect(!h.ok && h.error.fields?.idNumber).toContain('早于 1900 年');
    const csv = path.join(app.dir, 'roster.csv');
    fs.writeFileSync(
      csv,
      `镇,村,组,级别,网格编码,姓名,身份证号,联系电话\n温水镇,田家河村,一组,四级,11140101,郭书科,${future},13912345678\n`,
    );
    const r = await app.call('import/analyze', { file: csv });
    expect(r.errors.map((e) => e.message)).toEqual(['身份证号中的出生日期晚于今天（2030 年），请核对']);
  });
});
