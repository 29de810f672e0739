import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../../src/main/import/run';
import { parseDate } from '../../src/main/import/cells';
import { openTestApp, tempDir, type TestApp } from '../helpers/context';
import { NO_RECORDS } from '../helpers/ledger';
import { WORKER_ROSTER_HEADER } from '../helpers/roster';
import { makeId } from '../helpers/people';
import { writeWorkbook, type Cell } from '../helpers/xlsx';

let app: TestApp;
let dir: string;
beforeEach(async () => {
  dir = tempDir();
  app = await openTestApp(dir);
});
afterEach(async () => {
  await app.close();
});

const HEADER_A = WORKER_ROSTER_HEADER;
// Another village's header: other names for the same columns, an extra column, a different order.
const HEADER_B = [
  '序号',
  '乡镇',
  '村（社区）',
  '村民小组',
  '网格级别',
  '网格编号',
  '网格员姓名',
  '性别',
  '公民身份号码',
  '手机号码',
  '政治面貌',
  '身份类别',
  '职务',
  '任职时间',
  '民族',
  '备注',
];

const ids = {
  secretary: makeId('1982-01-03', 97, '男'),
  village: makeId('1981-05-22', 71, '男'),
  leader: makeId('1967-09-12', 3, '男'),
  wang: makeId('1992-07-09', 72, '男'),
  duan: makeId('1964-04-25', 19, '男'),
  lowerX: '',
  numeric: makeId('1958-11-11', 31, '男'),
};
// An ID whose check character is X, typed in lower case.
for (let seq = 1; !ids.lowerX; seq++) {
  const id = makeId('1962-04-02', seq, '男');
  if (id.endsWith('X')) ids.lowerX = id;
}

function rowA(
  seq: number,
  village: string,
  group: string,
  level: string,
  code: string,
  name: string,
  gender: string,
  id: Cell,
  phone: Cell,
  pol: string,
  tags: string,
  title: string,
  date: Cell,
): Cell[] {
  return [seq, '温水镇', village, group, level, code, name, gender, id, phone, pol, tags, title, date, ''];
}

async function messyRoster(file: string) {
  return writeWorkbook(file, [
    {
      name: '许坪村',
      preamble: [
        ['温水镇网格员花名册'],
        ['填报单位（盖章）：许坪村委会', null, null, null, null, null, null, '填报日期：2026年11月20日'],
      ],
      header: HEADER_A,
      rows: [
        rowA(
          1,
          '',
          '',
          '一级',
          '11',
          '顾琴建',
          '男',
          ids.secretary,
          '18366191950',
          '中共党员',
          '',
          '镇党委书记',
          new Date(Date.UTC(2021, 2, 1)),
        ),
        rowA(
          2,
          '许坪村',
          '',
          '二级',
          '1101',
          '秦娟云',
          '男',
          ids.village,
          '17260904934',
          '党员',
          '',
          '村党组织书记',
          44256,
        ),
        rowA(
          3,
          '许坪村',
          '一组',
          '三级',
          '110101',
          '丁安忠',
          '男',
          ids.leader,
          '１３８１６５３１６７６',
          '群众',
          '',
          '村民小组组长',
          '2021.03',
        ),
        [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
        rowA(
          4,
          '许坪村',
          '一组',
          '四级',
          '11010101',
          '王\u3000强',
          '男',
          ids.wang,
          '19499547576',
          '群众',
          '致富能手、脱贫示范户',
          '村民代表',
          '2021年3月',
        ),
        rowA(
          5,
          '许坪村',
          '一组',
          '四级',
          '11010102',
          ' 白涛琴 ',
          '男',
          ids.lowerX.toLowerCase(),
          '15942471471',
          '中共预备党员',
          '老党员',
          '村民代表',
          '2021-03-01',
        ),
        // The group leader also serves a household grid.
        rowA(
          6,
          '许坪村',
          '一组',
          '四级',
          '11010103',
          '丁安忠',
          '男',
          ids.leader,
          '13816531676',
          '群众',
          '',
          '村民代表',
          '2021-03-01',
        ),
      ],
      footer: [
        ['合计', null, null, null, null, null, '6人'],
        [],
        ['制表人：张三', null, null, null, null, null, null, '审核人：李四'],
      ],
      textColumns: [8],
    },
    {
      name: '陈沟村',
      preamble: [['陈沟村网格员名单']],
      header: HEADER_B,
      rows: [
        [
          1,
          '温水镇',
          '陈沟村',
          '',
          '二级',
          '1102',
          '龚成',
          '男',
          makeId('1971-01-05', 73, '男'),
          '19390422290',
          '中共党员',
          '',
          '村党组织书记',
          '2021-03-01',
          '汉族',
          '',
        ],
        [
          2,
          '温水镇',
          '陈沟村',
          '一组',
          '四级',
          '11020101',
          '段红民',
          '男',
          ids.duan,
          '18230855409',
          '中共党员',
          '村民代表',
          '村民代表',
          '2021-03-01',
          '汉族',
          '兼任',
        ],
      ],
      textColumns: [8],
    },
  ]);
}

describe('roster import', () => {
  it('imports a messy two-sheet roster: title rows, header variants, totals, signatures, full-width digits', async () => {
    const file = path.join(dir, 'roster.xlsx');
    await messyRoster(file);
    const r = await runImport(app.ctx.handle.db, file);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.committed).toBe(true);
    expect(r.sheets.map((s) => [s.sheet, s.kind, s.headerRow, s.records, s.skippedRows])).toEqual([
      ['许坪村', 'workers', 3, 6, 2],
      ['陈沟村', 'workers', 2, 2, 0],
    ]);
    expect(r.created).toEqual({ grids: 9, workers: 7, assignments: 8, households: 0, ...NO_RECORDS });

    const list = await app.call('workers/list', { limit: 100 });
    const names = list.rows.map((w) => w.name).sort();
    expect(names).toEqual(['丁安忠', '段红民', '龚成', '顾琴建', '白涛琴', '秦娟云', '王强'].sort());
    const leader = list.rows.find((w) => w.name === '丁安忠')!;
    expect(leader.grids.map((g) => [g.gridCode, g.role])).toEqual([
      ['110101', '网格长'],
      ['11010103', '网格员'],
    ]);
    const detail = await app.call('workers/get', { id: leader.id });
    expect(detail.phone).toBe('13816531676');
    expect(detail.assignments.map((a) => a.startDate)).toEqual(['2021-03-01', '2021-03-01']);
    const wang = await app.call('workers/get', { id: list.rows.find((w) => w.name === '王强')!.id });
    expect(wang.tags.sort()).toEqual(['致富能手', '脱贫示范户'].sort());
    const bai = await app.call('workers/get', { id: list.rows.find((w) => w.name === '白涛琴')!.id });
    expect(bai.idNumber).toBe(ids.lowerX);
    const qin = await app.call('workers/get', { id: list.rows.find((w) => w.name === '秦娟云')!.id });
    expect(qin.politicalStatus).toBe('中共党员');
    expect(qin.assignments[0]!.startDate).toBe('2021-03-01');

    const tree = await app.call('grids/tree', {});
    expect(tree.find((g) => g.code === '1102')?.name).toBe('陈沟村');
    // The household grid 11020101 was built under a group the roster named but never listed.
    const hh = tree.find((g) => g.code === '11020101')!;
    const group = tree.find((g) => g.id === hh.parentId)!;
    expect([group.name, group.code, group.level]).toEqual(['一组', '110201', 3]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = path.join(dir, 'roster.xlsx');
    await messyRoster(file);
    await runImport(app.ctx.handle.db, file);
    const before = await app.call('stats/get', {});
    const again = await runImport(app.ctx.handle.db, file);
    expect(again.created).toEqual({ grids: 0, workers: 0, assignments: 0, households: 0, ...NO_RECORDS });
    expect(again.updated).toEqual({ grids: 0, workers: 0, assignments: 0, households: 0, ...NO_RECORDS });
    expect(again.unchanged).toEqual({ grids: 9, workers: 7, assignments: 8, households: 0, ...NO_RECORDS });
    expect(await app.call('stats/get', {})).toEqual(before);
  });

  it('reports every bad row with sheet, row and column, and commits nothing', async () => {
    const file = path.join(dir, 'bad.xlsx');
    const rows = await writeWorkbook(file, [
      {
        name: '温水镇',
        preamble: [['温水镇网格员花名册']],
        header: HEADER_A,
        rows: [
          rowA(
            1,
            '许坪村',
            '',
            '二级',
            '1101',
            '秦娟云',
            '男',
            ids.village,
            '17260904934',
            '中共党员',
            '',
            '村党组织书记',
            '2021-03-01',
          ),
          // Excel turned the ID into a number: the last digits are gone.
          rowA(
            2,
            '许坪村',
            '一组',
            '三级',
            '110101',
            '丁安忠',
            '男',
            Number(ids.numeric),
            '13816531676',
            '群众',
            '',
            '组长',
            '2021-03-01',
          ),
          rowA(
            3,
            '许坪村',
            '一组',
            '四级',
            '11010101',
            '王强',
            '男',
            ids.wang.slice(0, 17) + (ids.wang.endsWith('1') ? '2' : '1'),
            '19499547576',
            '群众',
            '',
            '',
            '',
          ),
          rowA(
            4,
            '许坪村',
            '一组',
            '四级',
            '11010102',
            '段红民',
            '女',
            ids.duan,
            '1823085540',
            '群众',
            '',
            '',
            'sometime',
          ),
          rowA(5, '许坪村', '一组', '五级', '11010103', '张3', '男', '', '', '群众', '', '', ''),
        ],
      },
    ]);
    const n = rows['温水镇']!;
    const before = await app.call('stats/get', {});
    const r = await runImport(app.ctx.handle.db, file);
    expect(r.ok).toBe(false);
    expect(r.committed).toBe(false);
    const at = (row: number) => r.errors.filter((e) => e.row === row).map((e) => [e.column, e.message]);
    expect(at(n[1]!)).toEqual([['身份证号', expect.stringContaining('存成了数字')]]);
    expect(at(n[2]!)).toEqual([['身份证号', expect.stringContaining('校验位')]]);
    expect(at(n[3]!)).toEqual([
      ['性别', expect.stringContaining('与身份证号不符')],
      ['联系电话', expect.stringContaining('11 位')],
      ['任职日期', expect.stringContaining('无法识别的日期')],
    ]);
    expect(at(n[4]!).map(([c]) => c)).toEqual(['姓名', '身份证号', '联系电话', '级别']);
    expect(r.errors.every((e) => e.sheet === '温水镇')).toBe(true);
    // The digits Excel kept are never "completed" into a guessed ID.
    expect(JSON.stringify(r.errors)).not.toContain(ids.numeric);
    expect(await app.call('stats/get', {})).toEqual(before);

    const partial = await runImport(app.ctx.handle.db, file, { skipInvalid: true });
    expect(partial.committed).toBe(true);
    expect(partial.created.workers).toBe(1);
    expect((await app.call('workers/list', {})).rows.map((w) => w.name)).toEqual(['秦娟云']);
  });

  it('reads CSV in UTF-8 and in GBK', async () => {
    const lines = [
      '镇,村,组,网格编码,户主姓名,身份证号,联系电话,家庭住址,家庭人口,户类别',
      `温水镇,许坪村,一组,11010101,王\u3000强,${makeId('1950-02-03', 5, '男')},13900001111,许坪村一组3号,4,低保户、独居老人`,
      '温水镇,许坪村,一组,11010101,李秀英,,,许坪村一组5号,2,',
    ].join('\r\n');
    for (const [name, bytes] of [
      ['utf8.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines, 'utf8')])],
      ['gbk.csv', iconv.encode(lines, 'gbk')],
    ] as const) {
      const db = await openTestApp(tempDir());
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const r = await runImport(db.ctx.handle.db, file);
      expect(r.errors).toEqual([]);
      expect(r.sheets[0]!.kind).toBe('households');
      expect(r.created.households).toBe(2);
      const hh = (await db.call('households/list', {})).rows;
      expect(hh.map((h) => [h.headName, h.address, h.members])).toEqual([
        ['王强', '许坪村一组3号', 4],
        ['李秀英', '许坪村一组5号', 2],
      ]);
      expect(hh[0]!.tags.sort()).toEqual(['低保户', '独居老人'].sort());
      await db.close();
    }
  });

  it('explains files that are not rosters, without changing anything', async () => {
    const cases: [string, Buffer, RegExp][] = [
      [
        'old.xls',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
        /97-2003.*另存为/,
      ],
      ['scan.pdf', Buffer.from('%PDF-1.7\n...'), /PDF 文件/],
      ['fake.xlsx', Buffer.from('this is not a workbook at all'), /不是 Excel 工作簿/],
      ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), /不支持的文件类型/],
      ['empty.csv', Buffer.alloc(0), /空的/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const r = await runImport(app.ctx.handle.db, file);
      expect(r.ok).toBe(false);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]!.message).toMatch(message);
      // Only the message: no sheets to map, nothing to count (the page shows nothing else).
      expect(r.fileError).toMatch(message);
      expect(r.sheets).toEqual([]);
    }
    // A real workbook whose sheets are not rosters.
    const other = path.join(dir, 'budget.xlsx');
    await writeWorkbook(other, [{ name: '预算', header: ['项目', '金额'], rows: [['办公费', 100]] }]);
    const r = await runImport(app.ctx.handle.db, other);
    expect(r.errors[0]!.message).toContain('没有找到花名册');
    expect(r.fileError).toContain('没有找到花名册');
    expect(await app.call('stats/get', {})).toMatchObject({ workers: 0, households: 0, grids: { level1: 0 } });
  });

  it('lets the clerk map an unrecognised column, and remembers it for the next file', async () => {
    const file = path.join(dir, 'odd.xlsx');
    const header = ['镇', '村', '组', '级别', '网格编码', '姓名', '性别', '身份证号', '网格员本人手机'];
    await writeWorkbook(file, [
      {
        name: 'Sheet1',
        header,
        rows: [['温水镇', '许坪村', '一组', '四级', '11010101', '王强', '男', ids.wang, '19499547576']],
        textColumns: [7],
      },
    ]);
    const first = await runImport(app.ctx.handle.db, file, { dryRun: true });
    expect(first.sheets[0]!.mapping.phone).toBeUndefined();
    expect(first.errors.map((e) => e.message)).toEqual(['联系电话不能为空']);
    const fixed = await runImport(app.ctx.handle.db, file, { overrides: { Sheet1: { mapping: { phone: 8 } } } });
    expect(fixed.ok).toBe(true);
    expect(fixed.created.workers).toBe(1);
    // Same layout next time: the corrected mapping is applied by itself.
    const again = await runImport(app.ctx.handle.db, file, { dryRun: true });
    expect(again.sheets[0]!.remembered).toBe(true);
    expect(again.sheets[0]!.mapping.phone).toBe(8);
    expect(again.errors).toEqual([]);
  });

  it("places a village roster without a township column under the database's only township", async () => {
    await app.call('grids/create', { parentId: null, level: 1, name: '温水镇', code: '11' });
    const file = path.join(dir, 'village.xlsx');
    await writeWorkbook(file, [
      {
        name: '许坪村',
        header: ['村', '组', '级别', '网格编码', '姓名', '身份证号', '联系电话'],
        rows: [['许坪村', '一组', '四级', '11010101', '王强', ids.wang, '19499547576']],
        textColumns: [5],
      },
    ]);
    const r = await runImport(app.ctx.handle.db, file);
    expect(r.errors).toEqual([]);
    const tree = await app.call('grids/tree', {});
    expect(tree.map((g) => [g.code, g.name])).toEqual([
      ['11', '温水镇'],
      ['1101', '许坪村'],
      ['110101', '一组'],
      ['11010101', '一组第1网格'],
    ]);
  });

  it('parses the date forms rosters use', () => {
    expect(parseDate(new Date(Date.UTC(2021, 2, 1))).date).toBe('2021-03-01');
    expect(parseDate(44256).date).toBe('2021-03-01');
    expect(parseDate('2021.03').date).toBe('2021-03-01');
    expect(parseDate('2021年3月').date).toBe('2021-03-01');
    expect(parseDate('2021年3月15日').date).toBe('2021-03-15');
    expect(parseDate('2021/3/5').date).toBe('2021-03-05');
    expect(parseDate('20210305').date).toBe('2021-03-05');
    expect(parseDate('２０２１－０３－０１').date).toBe('2021-03-01');
    expect(parseDate('2021-02-30').problem).toContain('无法识别');
  });
});
