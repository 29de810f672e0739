/**
 * Writes a deterministic county-scale roster workbook: 15 townships (demo data, fixed seed),
 * for each township a 网格员 sheet and a 住户 sheet, in the columns villages use — with a title
 * row and a 填报 line above the header, as real rosters have.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/main/db/connection';
import { createDemo } from '../src/main/services/demo/demo';
import { householdsWithGrid } from '../src/main/services/households/households';

const WORKER_HEADER = [
  '序号',
  '镇',
  '村',
  '组',
  '级别',
  '网格编码',
  '姓名',
  '性别',
  '身份证号',
  '联系电话',
  '政治面貌',
  '人员类别',
  '担任职务',
  '任职日期',
];
/** A 住户花名册 header as townships write it (the one-sheet county file uses it too). */
export const HOUSEHOLD_HEADER = [
  '序号',
  '镇',
  '村',
  '组',
  '网格编码',
  '网格名称',
  '户主姓名',
  '身份证号',
  '联系电话',
  '家庭住址',
  '门牌号',
  '家庭人口',
  '户类别',
];
const LEVELS = ['', '一级', '二级', '三级', '四级'];

export interface CountyFile {
  file: string;
  townships: number;
  grids: number;
  level4: number;
  workers: number;
  assignments: number;
  households: number;
}

export async function writeCountyWorkbook(file: string): Promise<CountyFile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-county-'));
  const h = await openDatabase(path.join(dir, 'county.sqlite'));
  try {
    await createDemo(h.db, { townships: 15, seed: 4957 });
    const grids = await h.db.selectFrom('grids').select(['id', 'parent_id', 'level', 'name', 'code']).execute();
    const byId = new Map(grids.map((g) => [g.id, g]));
    const names = (id: number) => {
      const out = ['', '', '', ''];
      for (let g = byId.get(id); g; g = g.parent_id === null ? undefined : byId.get(g.parent_id))
        out[g.level - 1] = g.name;
      return out;
    };
    const townOf = (id: number) => {
      let g = byId.get(id);
      while (g && g.parent_id !== null) g = byId.get(g.parent_id);
      return g!;
    };
    const tags = new Map<number, string[]>();
    for (const t of await h.db.selectFrom('worker_tags').select(['worker_id', 'tag']).orderBy('tag').execute()) {
      tags.set(t.worker_id, [...(tags.get(t.worker_id) ?? []), t.tag]);
    }
    const htags = new Map<number, string[]>();
    for (const t of await h.db.selectFrom('household_tags').select(['household_id', 'tag']).orderBy('tag').execute()) {
      htags.set(t.household_id, [...(htags.get(t.household_id) ?? []), t.tag]);
    }
    const assignments = await h.db
      .selectFrom('assignments as a')
      .innerJoin('workers as w', 'w.id', 'a.worker_id')
      .innerJoin('grids as g', 'g.id', 'a.grid_id')
      .select([
        'a.grid_id',
        'a.title',
        'a.start_date',
        'g.level',
        'g.code',
        'w.id as wid',
        'w.name',
        'w.gender',
        'w.id_number',
        'w.phone',
        'w.political_status',
      ])
      .orderBy('g.code')
      .execute();
    const households = await householdsWithGrid(h.db).orderBy('g.code').orderBy('h.id').execute();

    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
    const towns = grids.filter((g) => g.level === 1).sort((a, b) => (a.code < b.code ? -1 : 1));
    for (const town of towns) {
      const ws = wb.addWorksheet(`${town.name}网格员`);
      ws.addRow([`${town.name}网格员花名册`]).commit();
      ws.addRow([
        `填报单位（盖章）：${town.name}人民政府`,
        null,
        null,
        null,
        null,
        null,
        null,
        '填报日期：2026年11月20日',
      ]).commit();
      ws.addRow(WORKER_HEADER).commit();
      let n = 0;
      for (const a of assignments) {
        if (townOf(a.grid_id).id !== town.id) continue;
        const p = names(a.grid_id);
        ws.addRow([
          ++n,
          p[0],
          p[1],
          p[2],
          LEVELS[a.level],
          a.code,
          a.name,
          a.gender,
          a.id_number,
          a.phone,
          a.political_status,
          (tags.get(a.wid) ?? []).join('、'),
          a.title,
          a.start_date,
        ]).commit();
      }
      ws.addRow(['合计', null, null, null, null, null, `${n}人`]).commit();
      ws.addRow(['制表人：', null, null, null, null, null, null, '审核人：']).commit();
      ws.commit();
      const hs = wb.addWorksheet(`${town.name}住户`);
      hs.addRow([`${town.name}住户花名册`]).commit();
      hs.addRow(HOUSEHOLD_HEADER).commit();
      n = 0;
      for (const r of households) {
        if (townOf(r.grid_id).id !== town.id) continue;
        const p = names(r.grid_id);
        hs.addRow([
          ++n,
          p[0],
          p[1],
          p[2],
          r.grid_code,
          r.grid_name,
          r.head_name,
          r.id_number ?? '',
          r.phone,
          r.address,
          r.door_number,
          r.members,
          (htags.get(r.id) ?? []).join('、'),
        ]).commit();
      }
      hs.commit();
    }
    await wb.commit();
    const workers = new Set(assignments.map((a) => a.id_number)).size;
    return {
      file,
      townships: towns.length,
      grids: grids.length,
      level4: grids.filter((g) => g.level === 4).length,
      workers,
      assignments: assignments.length,
      households: households.length,
    };
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
