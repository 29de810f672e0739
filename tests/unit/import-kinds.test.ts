import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/db/connection';
import type { DbOrTrx } from '../../src/main/db/schema';
import { synonymsFor } from '../../src/main/import/fields';
import { IMPORT_KINDS } from '../../src/main/import/kinds';
import { tallyChanges, type ImportKind, type KindChanges } from '../../src/main/import/kinds/types';
import type { GridPath, RecordOrigin } from '../../src/main/import/row-reader';
import { runImport } from '../../src/main/import/run';
import { tempDir } from '../helpers/context';
import { NO_RECORDS } from '../helpers/ledger';
import { makeId } from '../helpers/people';
import { writeWorkbook } from '../helpers/xlsx';

// A ledger kind the app does not have: safety patrols (巡查记录), written only here.
interface Visit extends RecordOrigin, GridPath {
  visitor: string;
  date: string;
  household: string;
}
interface VisitPlan extends KindChanges {
  visits: { gridId: number; visit: Visit }[];
}

const written: { gridId: number; visitor: string; date: string }[] = [];

const VISIT_FIELDS = ['township', 'village', 'group', 'gridCode', 'visitor', 'visitDate', 'household'];
const visitsKind: ImportKind<Visit, VisitPlan> = {
  name: 'patrols',
  noun: '巡查记录',
  fields: VISIT_FIELDS,
  labels: { gridCode: '网格编码', visitor: '巡查人', visitDate: '巡查日期', household: '巡查对象' },
  person: 'visitor',
  synonyms: synonymsFor(VISIT_FIELDS, {
    visitor: ['巡查人', '巡查人员'],
    visitDate: ['巡查日期', '巡查时间'],
    household: ['巡查对象', '巡查点'],
  }),
  required: ['visitor', 'visitDate'],
  countKeys: ['patrols'],
  parseRow(r) {
    const place = r.place();
    const visitor = r.name('visitor');
    const date = r.date('visitDate');
    if (r.errors.length || !date) return null;
    return Object.assign(place, { visitor, date, household: r.text('household') });
  },
  async plan(ctx, records) {
    const visits: VisitPlan['visits'] = [];
    for (const visit of records) {
      const grid = ctx.gridFor(visit, 4);
      if (grid) visits.push({ gridId: grid.id, visit });
    }
    const plan: VisitPlan = {
      visits,
      created: {},
      updated: {},
      unchanged: {},
      gridIds: visits.map((v) => v.gridId),
      size: visits.length,
    };
    tallyChanges(
      plan,
      'patrols',
      visits.map(() => ({ change: 'create' as const })),
    );
    return plan;
  },
  async apply(_db, plan, ctx) {
    for (const { gridId, visit } of plan.visits) {
      written.push({ gridId: ctx.gridId(gridId), visitor: visit.visitor, date: visit.date });
    }
    await ctx.step(plan.visits.length);
  },
};

let dir: string;
let close: () => Promise<void>;
let db: DbOrTrx;
beforeEach(async () => {
  dir = tempDir();
  const handle = await openDatabase(path.join(dir, 'griddesk.sqlite'));
  db = handle.db;
  close = () => handle.close();
  written.length = 0;
});
afterEach(async () => {
  await close();
});

const wang = makeId('1992-07-09', 72, '男');

async function visitsWorkbook(file: string) {
  return writeWorkbook(file, [
    {
      name: '巡查记录',
      preamble: [['许坪村网格员巡查记录']],
      header: ['序号', '镇', '村', '组', '网格编码', '巡查人员', '巡查时间', '巡查点'],
      rows: [
        [1, '温水镇', '许坪村', '一组', '11010101', '王\u3000强', '2026-03-05', '李秀英'],
        [2, '温水镇', '许坪村', '一组', '11010102', '白涛琴', '2026年3月8日', ''],
        [3, '温水镇', '许坪村', '一组', '11010101', '张3', 'sometime', ''],
      ],
      footer: [['合计', null, null, null, null, '3次']],
    },
    {
      name: '网格员',
      header: ['镇', '村', '组', '级别', '网格编码', '姓名', '身份证号', '联系电话'],
      rows: [['温水镇', '许坪村', '一组', '四级', '11010101', '王强', wang, '19499547576']],
      textColumns: [6],
    },
  ]);
}

describe('import kinds registry', () => {
  it('detects, parses, plans and writes a kind registered only by the caller', async () => {
    const file = path.join(dir, 'visits.xlsx');
    const rows = await visitsWorkbook(file);
    const kinds = [...IMPORT_KINDS, visitsKind];

    const preview = await runImport(db, file, { kinds, dryRun: true });
    expect(preview.sheets.map((s) => [s.sheet, s.kind, s.headerRow, s.records, s.skippedRows])).toEqual([
      ['巡查记录', 'patrols', 2, 3, 1],
      ['网格员', 'workers', 1, 1, 0],
    ]);
    expect(preview.errors).toEqual([
      {
        sheet: '巡查记录',
        row: rows['巡查记录']![2],
        column: '巡查人员',
        person: '张3',
        message: expect.stringContaining('数字'),
      },
      {
        sheet: '巡查记录',
        row: rows['巡查记录']![2],
        column: '巡查时间',
        person: '张3',
        message: expect.stringContaining('无法识别'),
      },
    ]);
    // The shared grid resolution built the tree from the 镇/村/组/编码 columns, for both kinds.
    expect(preview.created).toMatchObject({ grids: 5, workers: 1, assignments: 1, patrols: 2 });
    expect(written).toEqual([]);

    const done = await runImport(db, file, { kinds, skipInvalid: true });
    expect(done.committed).toBe(true);
    const grids = await db.selectFrom('grids').select(['id', 'code']).execute();
    const codeOf = new Map(grids.map((g) => [g.id, g.code]));
    expect(written.map((w) => [codeOf.get(w.gridId), w.visitor, w.date])).toEqual([
      ['11010101', '王强', '2026-03-05'],
      ['11010102', '白涛琴', '2026-03-08'],
    ]);
  });

  it('knows only the registered kinds', async () => {
    const file = path.join(dir, 'visits.xlsx');
    await visitsWorkbook(file);
    const r = await runImport(db, file, { dryRun: true });
    expect(r.sheets.map((s) => s.kind)).toEqual([null, 'workers']);
    expect(r.created).toEqual({ grids: 4, workers: 1, assignments: 1, households: 0, ...NO_RECORDS });

    const onlyVisits = path.join(dir, 'roster.xlsx');
    await writeWorkbook(onlyVisits, [{ name: '预算', header: ['项目', '金额'], rows: [['办公费', 100]] }]);
    const none = await runImport(db, onlyVisits, { kinds: [visitsKind] });
    expect(none.errors[0]!.message).toContain('表头同时含有“巡查人”和“巡查日期”（巡查记录）');
  });

  it('gives a header that fits both rosters equally well to the households roster', async () => {
    const file = path.join(dir, 'both.xlsx');
    await writeWorkbook(file, [
      {
        name: 'Sheet1',
        header: ['村', '组', '网格编码', '户主姓名', '姓名', '身份证号', '联系电话'],
        rows: [['许坪村', '一组', '11010101', '王强', '王强', wang, '19499547576']],
        textColumns: [5],
      },
    ]);
    const r = await runImport(db, file, { dryRun: true });
    expect(r.sheets[0]!.kind).toBe('households');
    expect(r.sheets[0]!.mapping).not.toHaveProperty('name');
  });
});
