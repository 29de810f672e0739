import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idInfo, idProblem, maskId } from '../../src/shared/idcard';
import { normalizeIdNumber, normalizeName, normalizePhone, phoneProblem } from '../../src/shared/text';
import { dispatch } from '../../src/main/ipc/dispatch';
import { openTestApp, type TestApp } from '../helpers/context';
import fs from 'node:fs';
import path from 'node:path';
import { makeId, PNG_1PX } from '../helpers/people';

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

    // A new worker for the grid ends the previous one's assignment that day.
    const other = await app.call('workers/create', {
      ...guo(),
      name: '李民宝',
      idNumber: makeId('1965-04-25', 8, '男'),
    });
    await app.call('assignments/create', { workerId: other.id, gridId: hh.id, startDate: '2024-01-01' });
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
