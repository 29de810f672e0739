import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/connection';
import type { DbOrTrx } from '../../src/main/db/schema';
import { runImport } from '../../src/main/import/run';
import { tempDir } from '../helpers/context';
import { DISPUTE_HEADER, ROSTER_SHEET, disputeRow, ledgerSheet, seedTownship, writeLedger } from '../helpers/ledger';
import { makeId } from '../helpers/people';
import type { Cell } from '../helpers/xlsx';

let dir: string;
let db: DbOrTrx;
let close: () => Promise<void>;
beforeEach(async () => {
  dir = tempDir();
  const handle = await openDatabase(path.join(dir, 'griddesk.sqlite'));
  db = handle.db;
  close = () => handle.close();
  await seedTownship(db, dir);
});
afterEach(async () => {
  await close();
});

const gridId = async (code: string) =>
  (await db.selectFrom('grids').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const workerIds = async (name: string) =>
  (await db.selectFrom('workers').select('id').where('name', '=', name).orderBy('id').execute()).map((w) => w.id);

/** Excel's serial day number for a date (1900 system). */
const serial = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;

function allKindsSheets() {
  return [
    ledgerSheet('矛盾纠纷', '温水镇矛盾纠纷排查调处台账（2026年）', DISPUTE_HEADER, [
      disputeRow(
        1,
        '11010101',
        '2026-03-05',
        '李秀英、张建国',
        '邻里',
        '调解成功',
        '户级网格',
        '2026-03-09',
        '王强',
        '入户调解',
      ),
      disputeRow(2, '11010102', '2026年4月1日', '白某某', '婚姻家庭', '调处中', null, null, '白涛琴'),
    ]),
    ledgerSheet(
      '信息报告',
      '信息报告登记表',
      ['序号', '网格编码', '报送日期', '时间', '信息类型', '报告内容', '是否重要', '报告人'],
      [[1, '11010101', '2026/3/6', '14:30', '安全隐患', '河堤裂缝', '是', '王强']],
    ),
    ledgerSheet(
      '政策宣传',
      '政策宣传台账',
      ['序号', '村', '组', '宣传时间', '宣传主题', '宣传形式', '入户数', '受众人数', '发放资料'],
      [[1, '许坪村', '一组', '2026.03', '防范网络诈骗', '入户', '30户', '85人', 100]],
    ),
    ledgerSheet(
      '便民服务',
      '便民服务台账',
      ['序号', '网格编码', '服务日期', '服务类别', '服务内容', '服务对象', '服务人'],
      [[1, '11010101', serial('2026-03-07'), '代办', '代办医保缴费', '李秀英', '王强']],
    ),
    ledgerSheet(
      '走访',
      '网格员走访记录',
      ['序号', '网格编码', '走访日期', '走访人', '走访户数', '安全隐患', '民生诉求', '当场解决', '上报数'],
      [[1, '11010102', '2026-03-08', '白涛琴', 12, 2, 1, 2, 1]],
    ),
    ledgerSheet(
      '培训例会',
      '培训例会台账',
      ['序号', '村', '会议时间', '类型', '会议内容', '应到人数', '实到人数'],
      [[1, '许坪村', '2026-03-10', '例会', '三月网格员例会', 5, '4人']],
    ),
    ledgerSheet(
      '微信群',
      '网格微信群台账',
      ['序号', '网格编码', '群名称', '群主', '群成员数', '覆盖户数'],
      [[1, '11010101', '许坪一组第1网格群', '王强', 120, 40]],
    ),
  ];
}

describe('ledger import: every kind', () => {
  it('recognises each ledger below its title and 填报单位 line and writes its record, linked', async () => {
    const file = path.join(dir, 'ledgers.xlsx');
    await writeLedger(file, allKindsSheets());
    const r = await runImport(db, file);
    expect(r.errors).toEqual([]);
    expect(r.committed).toBe(true);
    expect(r.sheets.map((s) => [s.sheet, s.kind, s.headerRow, s.records])).toEqual([
      ['矛盾纠纷', 'disputes', 3, 2],
      ['信息报告', 'reports', 3, 1],
      ['政策宣传', 'publicity', 3, 1],
      ['便民服务', 'services', 3, 1],
      ['走访', 'visits', 3, 1],
      ['培训例会', 'trainings', 3, 1],
      ['微信群', 'wechatGroups', 3, 1],
    ]);
    expect(r.created).toMatchObject({
      grids: 0,
      workers: 0,
      disputes: 2,
      reports: 1,
      publicity: 1,
      services: 1,
      visits: 1,
      trainings: 1,
      wechatGroups: 1,
    });
    const g1 = await gridId('11010101');
    const [wang] = await workerIds('王强');
    const disputes = await db.selectFrom('disputes').selectAll().orderBy('id').execute();
    expect(disputes.map((d) => [d.grid_id, d.worker_id, d.found_date, d.category, d.status, d.settle_date])).toEqual([
      [g1, wang, '2026-03-05', '邻里', '调解成功', '2026-03-09'],
      [await gridId('11010102'), (await workerIds('白涛琴'))[0], '2026-04-01', '婚姻家庭', '调处中', null],
    ]);
    const steps = await db.selectFrom('dispute_steps').selectAll().execute();
    expect(steps.map((s) => [s.dispute_id, s.step_date, s.handler, s.action])).toEqual([
      [disputes[0]!.id, '2026-03-09', '王强', '入户调解'],
    ]);
    const report = await db.selectFrom('info_reports').selectAll().executeTakeFirstOrThrow();
    expect([report.report_date, report.report_time, report.type, report.important, report.worker_id]).toEqual([
      '2026-03-06',
      '14:30',
      '安全隐患',
      1,
      wang,
    ]);
    const pub = await db.selectFrom('publicity').selectAll().executeTakeFirstOrThrow();
    expect([pub.grid_id, pub.event_date, pub.date_precision, pub.households, pub.people, pub.materials]).toEqual([
      await gridId('110101'),
      '2026-03-01',
      'month',
      30,
      85,
      100,
    ]);
    const household = await db
      .selectFrom('households')
      .select('id')
      .where('head_name', '=', '李秀英')
      .executeTakeFirstOrThrow();
    const service = await db.selectFrom('services').selectAll().executeTakeFirstOrThrow();
    expect([service.service_date, service.household_id, service.worker_id]).toEqual(['2026-03-07', household.id, wang]);
    const visit = await db.selectFrom('visits').selectAll().executeTakeFirstOrThrow();
    expect([visit.households, JSON.parse(visit.problem_types), visit.problems, visit.solved, visit.reported]).toEqual([
      12,
      { 安全隐患: 2, 民生诉求: 1 },
      3,
      2,
      1,
    ]);
    const training = await db.selectFrom('trainings').selectAll().executeTakeFirstOrThrow();
    expect([training.grid_id, training.kind, training.expected, training.attended]).toEqual([
      await gridId('1101'),
      '例会',
      5,
      4,
    ]);
    const group = await db.selectFrom('wechat_groups').selectAll().executeTakeFirstOrThrow();
    expect([group.grid_id, group.name, group.owner, group.members, group.households]).toEqual([
      g1,
      '许坪一组第1网格群',
      '王强',
      120,
      40,
    ]);
  });

  it('reads a roster sheet and a ledger sheet of one file', async () => {
    const file = path.join(dir, 'both.xlsx');
    const roster = {
      ...ROSTER_SHEET,
      rows: [
        ...ROSTER_SHEET.rows,
        ['温水镇', '大坪村', '一组', '四级', '11020102', '孙涛', makeId('1995-01-01', 3, '男'), '19499547581'],
      ],
    };
    await writeLedger(file, [
      roster,
      ledgerSheet('纠纷', '矛盾纠纷台账', DISPUTE_HEADER, [
        disputeRow(1, '11020101', '2026-05-02', '赵某', '合同', '调处中', null, null, '赵丽'),
      ]),
    ]);
    const r = await runImport(db, file);
    expect(r.errors).toEqual([]);
    expect(r.sheets.map((s) => s.kind)).toEqual(['workers', 'disputes']);
    expect(r.created).toMatchObject({ workers: 1, disputes: 1 });
    expect(r.unchanged).toMatchObject({ workers: 5 });
  });
});

describe('ledger import: dates', () => {
  it('takes real dates, Chinese-formatted dates, serial numbers and text, and refuses a month for a dispute', async () => {
    const file = path.join(dir, 'dates.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('纠纷');
    ws.addRow(['矛盾纠纷台账']);
    ws.mergeCells(1, 1, 1, DISPUTE_HEADER.length);
    ws.addRow(DISPUTE_HEADER);
    const rows: Cell[][] = [
      disputeRow(1, '11010101', new Date(Date.UTC(2026, 2, 5)), '甲', '邻里'),
      disputeRow(2, '11010101', new Date(Date.UTC(2026, 2, 6)), '乙', '邻里'),
      disputeRow(3, '11010101', serial('2026-03-07'), '丙', '邻里'),
      disputeRow(4, '11010101', '2026年3月8日', '丁', '邻里'),
      disputeRow(5, '11010101', '2026.3.9', '戊', '邻里'),
      disputeRow(6, '11010101', '2026.03', '己', '邻里'),
      disputeRow(7, '11010101', '三月初', '庚', '邻里'),
    ];
    for (const row of rows) ws.addRow(row);
    ws.getCell('C4').numFmt = 'yyyy"年"m"月"d"日"';
    await wb.xlsx.writeFile(file);
    const r = await runImport(db, file, { skipInvalid: true });
    expect(r.errors).toEqual([
      {
        sheet: '纠纷',
        row: 8,
        column: '排查时间',
        person: '己',
        message: '排查日期只写到了月份（“2026.03”），请写到日，如 2026-03-05',
      },
      {
        sheet: '纠纷',
        row: 9,
        column: '排查时间',
        person: '庚',
        message: '排查日期无法识别（这一格是“三月初”），请写成 2026-03-05 或 2026年3月5日',
      },
    ]);
    const found = await db.selectFrom('disputes').select(['parties', 'found_date']).orderBy('found_date').execute();
    expect(found).toEqual([
      { parties: '甲', found_date: '2026-03-05' },
      { parties: '乙', found_date: '2026-03-06' },
      { parties: '丙', found_date: '2026-03-07' },
      { parties: '丁', found_date: '2026-03-08' },
      { parties: '戊', found_date: '2026-03-09' },
    ]);
  });
});

describe('ledger import: cumulative ledgers', () => {
  const janToOct = [
    disputeRow(1, '11010101', '2026-01-05', '甲、乙', '邻里', '调处中', null, null, '王强'),
    disputeRow(2, '11010102', '2026-02-10', '丙', '合同', '调处中'),
    disputeRow(3, '11010202', '2026-06-01', '丁', '其他', '调解成功', '村民小组', '2026-06-03', '李明'),
    disputeRow(4, '11010202', '2026-10-20', '戊', '医疗', '排查中'),
  ];
  const janToNov = [
    // Renumbered, one row re-typed with other punctuation, one case settled since, one new.
    disputeRow(1, '11010202', '2026-06-01', '丁', '其他', '调解成功', '村民小组', '2026-06-03', '李明'),
    disputeRow(
      2,
      '11010101',
      '2026-01-05',
      '甲 , 乙',
      '邻里',
      '调解成功',
      '户级网格',
      '2026-11-02',
      '王强',
      '双方签订协议',
    ),
    disputeRow(3, '11010102', '2026-02-10', '丙', '合同', '调处中'),
    disputeRow(4, '11010202', '2026-10-20', '戊', '医疗', '调处中'),
    disputeRow(5, '11010202', '2026-11-15', '己', '物业', '排查中'),
  ];
  const counts = (r: Awaited<ReturnType<typeof runImport>>) => [
    r.created.disputes,
    r.updated.disputes,
    r.unchanged.disputes,
  ];

  it('adds only new rows, updates changed ones by their identity, and the same file twice changes nothing', async () => {
    const oct = path.join(dir, 'oct.xlsx');
    const nov = path.join(dir, 'nov.xlsx');
    await writeLedger(oct, [ledgerSheet('纠纷', '1–10月台账', DISPUTE_HEADER, janToOct)]);
    await writeLedger(nov, [ledgerSheet('纠纷', '1–11月台账', DISPUTE_HEADER, janToNov)]);
    const first = await runImport(db, oct);
    expect(first.errors).toEqual([]);
    expect(counts(first)).toEqual([4, 0, 0]);
    const preview = await runImport(db, nov, { dryRun: true });
    expect(counts(preview)).toEqual([1, 2, 2]);
    expect(await db.selectFrom('disputes').select('id').execute()).toHaveLength(4);
    const r = await runImport(db, nov);
    expect(r.errors).toEqual([]);
    expect(counts(r)).toEqual([1, 2, 2]);
    const snapshot = async () => ({
      disputes: await db.selectFrom('disputes').selectAll().orderBy('id').execute(),
      steps: await db.selectFrom('dispute_steps').selectAll().orderBy('id').execute(),
    });
    const after = await snapshot();
    expect(after.disputes.map((d) => [d.parties, d.status, d.settled_level, d.settle_date])).toEqual([
      ['甲 , 乙', '调解成功', '户级网格', '2026-11-02'],
      ['丙', '调处中', null, null],
      ['丁', '调解成功', '村民小组', '2026-06-03'],
      ['戊', '调处中', null, null],
      ['己', '排查中', null, null],
    ]);
    expect(after.steps.map((s) => [s.dispute_id, s.action])).toEqual([[after.disputes[0]!.id, '双方签订协议']]);
    const again = await runImport(db, nov);
    expect(counts(again)).toEqual([0, 0, 5]);
    expect(await snapshot()).toEqual(after);
  });

  it('keeps what the clerk entered where a re-imported ledger leaves the cell empty or has no such column', async () => {
    const file = path.join(dir, 'oct.xlsx');
    await writeLedger(file, [ledgerSheet('纠纷', '1–10月台账', DISPUTE_HEADER, [janToOct[1]!])]);
    expect(counts(await runImport(db, file))).toEqual([1, 0, 0]);
    // The clerk then names the worker and sets a deadline and a difficulty on screen.
    const [worker] = await workerIds('王强');
    await db.updateTable('disputes').set({ worker_id: worker!, deadline: '2026-03-10', difficulty: '一般' }).execute();
    const settled = janToOct[1]!.map((c, i) => (i === 6 ? '调解成功' : i === 7 ? '村' : i === 8 ? '2026-03-01' : c));
    await writeLedger(file, [ledgerSheet('纠纷', '1–11月台账', DISPUTE_HEADER, [settled])]);
    expect(counts(await runImport(db, file))).toEqual([0, 1, 0]);
    const d = await db.selectFrom('disputes').selectAll().executeTakeFirstOrThrow();
    expect([d.status, d.settled_level, d.worker_id, d.deadline, d.difficulty]).toEqual([
      '调解成功',
      '村',
      worker,
      '2026-03-10',
      '一般',
    ]);
    expect(counts(await runImport(db, file))).toEqual([0, 0, 1]);
  });

  it('refuses a row whose details differ from an earlier row with the same identity in one file', async () => {
    const file = path.join(dir, 'dup.xlsx');
    const rows = await writeLedger(file, [
      ledgerSheet('纠纷', '台账', DISPUTE_HEADER, [
        janToOct[0]!,
        disputeRow(9, '11010101', '2026-01-05', '甲，乙', '邻里', '排查中'),
      ]),
    ]);
    const r = await runImport(db, file);
    expect(r.committed).toBe(false);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[rows['纠纷']![1], '当事人']]);
  });
});

describe('ledger import: faults', () => {
  it('names the sheet, row, column and what was not found, and writes nothing', async () => {
    const file = path.join(dir, 'faults.xlsx');
    const rows = await writeLedger(file, [
      ledgerSheet('纠纷', '矛盾纠纷台账', DISPUTE_HEADER, [
        disputeRow(1, '11010101', '2026-03-05', '甲', '吵架'),
        disputeRow(2, '11019999', '2026-03-05', '乙', '邻里'),
        disputeRow(3, '11010101', '2026-03-05', '丙', '邻里', '调处中', null, null, '刘备'),
        disputeRow(4, '11010101', '2026-03-05', '丁', '邻里', '调解成功', '户级网格', null),
        disputeRow(5, '11010101', '2026-03-06', '戊 己', '合同'),
        disputeRow(6, '11010102', '2026-03-07', '好', '合同'),
        disputeRow(7, '11010101', '2026-03-06', '戊、己', '合同'),
      ]),
      ledgerSheet(
        '服务',
        '便民服务台账',
        ['村', '服务日期', '服务类别', '服务内容', '服务对象', '服务人'],
        [
          ['许坪村', '2026-03-07', '代办', '代办医保', '李秀英', '王强'],
          ['许坪村', '2026-03-07', '代办', '代办社保', '张建国', '李明'],
          ['许坪村', '2026-03-07', '代办', '代办低保', '孙悟空', '李明'],
        ],
      ),
      ledgerSheet(
        '宣传',
        '政策宣传台账',
        ['村', '组', '宣传日期', '宣传主题', '宣传形式'],
        [['许坪村', '五组', '2026-03-01', '防火', '入户']],
      ),
      ledgerSheet(
        '培训',
        '培训例会台账',
        ['村', '日期', '类型', '培训内容', '实到人数'],
        [['许坪村', '2026-03-01', '座谈', '防汛', 5]],
      ),
    ]);
    const before = await db.selectFrom('disputes').select('id').execute();
    const r = await runImport(db, file);
    expect(r.committed).toBe(false);
    const d = rows['纠纷']!;
    const s = rows['服务']!;
    expect(r.errors.map((e) => [e.sheet, e.row, e.column, e.message])).toEqual([
      ['培训', rows['培训']![0], '类型', '类型应为：培训、例会（这一格是“座谈”）'],
      ['宣传', rows['宣传']![0], '组', '“许坪村”之下没有名为“五组”的网格'],
      [
        '服务',
        s[0],
        '服务人',
        '“许坪村”及其下级网格中有 2 个名为“王强”的网格员（现任或曾任），无法确定是哪一个：请把记录填到更下一级的网格（写明网格编码）',
      ],
      [
        '服务',
        s[1],
        '服务对象',
        '“许坪村”及其下级网格中有 2 个名为“张建国”的户主，无法确定是哪一个：请把记录填到更下一级的网格（写明网格编码）',
      ],
      ['服务', s[2], '服务对象', '“许坪村”及其下级网格中没有名为“孙悟空”的户主'],
      [
        '纠纷',
        d[0],
        '纠纷类型',
        '纠纷类别应为：婚姻家庭、邻里、房屋宅基地、合同、生产经营、损害赔偿、山林土地、征地拆迁、环境污染、劳动争议、拖欠农民工工资、医疗、道路交通事故、物业、消费、其他（这一格是“吵架”）',
      ],
      ['纠纷', d[1], '网格编码', '找不到网格编码为 11019999 的网格'],
      ['纠纷', d[2], '排查人', '“许坪村 / 一组 / 一组第1网格”及其下级网格中没有名为“刘备”的网格员（现任或曾任）'],
      ['纠纷', d[3], '办结日期', '状态为“调解成功”时请填写化解日期'],
      [
        '纠纷',
        d[6],
        '当事人',
        `与第 ${d[4]} 行（工作表 纠纷）是同一条矛盾纠纷记录（网格、排查日期、当事人和纠纷类别相同），请删去重复的一行`,
      ],
    ]);
    expect(await db.selectFrom('disputes').select('id').execute()).toEqual(before);
    expect(await db.selectFrom('services').select('id').execute()).toEqual([]);
  });
});

describe('ledger import: the CLI', () => {
  it('import FILE --json gains a count per ledger kind, WeChat groups only when the file has them', async () => {
    const { runCli } = await import('../../src/main/cli/run');
    const file = path.join(dir, 'cli.xlsx');
    await writeLedger(file, allKindsSheets().slice(0, 2));
    await close();
    let out = '';
    const io = {
      stdout: (s: string) => void (out += s),
      stderr: () => undefined,
      resourcesDir: path.resolve(import.meta.dirname, '../../resources'),
      version: 'test',
    };
    const code = await runCli(['import', file, '--db', path.join(dir, 'griddesk.sqlite'), '--json'], io);
    const reopened = await openDatabase(path.join(dir, 'griddesk.sqlite'));
    db = reopened.db;
    close = () => reopened.close();
    expect(code).toBe(0);
    const json = JSON.parse(out) as Record<string, Record<string, number>>;
    const zero = { disputes: 0, reports: 0, publicity: 0, services: 0, visits: 0, trainings: 0 };
    expect(json.created).toEqual({
      grids: 0,
      workers: 0,
      assignments: 0,
      households: 0,
      ...zero,
      disputes: 2,
      reports: 1,
    });
    expect(json.unchanged).toEqual({ grids: 0, workers: 0, assignments: 0, households: 0, ...zero });
  });
});
