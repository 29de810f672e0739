/**
 * `npm run bench -- ledgers`: a township's year of ledgers (≈ 10,000 rows over the seven kinds,
 * one sheet each, under a title and a 填报单位 line) imported into the demo township, against
 * exceljs alone reading the same file. The rows name the demo's own grids, workers and households.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../src/main/db/connection';
import type { DbOrTrx } from '../src/main/db/schema';
import { createDemo } from '../src/main/services/demo/demo';

function phase(name: string, ...args: string[]): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'phase.ts'), name, ...args],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
}

/** Deterministic: the same file every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

interface Holder {
  code: string;
  worker: string;
  households: string[];
}

/** Household grids whose workers' and heads' names are unique there (a ledger naming them links). */
async function holders(db: DbOrTrx): Promise<Holder[]> {
  const rows = await db
    .selectFrom('assignments as a')
    .innerJoin('workers as w', 'w.id', 'a.worker_id')
    .innerJoin('grids as g', 'g.id', 'a.grid_id')
    .where('g.level', '=', 4)
    .where('a.end_date', 'is', null)
    .select(['g.id', 'g.code', 'w.name'])
    .execute();
  const heads = await db.selectFrom('households').select(['grid_id', 'head_name']).execute();
  const byGrid = new Map<number, string[]>();
  for (const h of heads) byGrid.set(h.grid_id, [...(byGrid.get(h.grid_id) ?? []), h.head_name]);
  const unique = (names: string[]) => names.filter((n) => names.indexOf(n) === names.lastIndexOf(n));
  const workersByGrid = new Map<number, string[]>();
  for (const r of rows) workersByGrid.set(r.id, [...(workersByGrid.get(r.id) ?? []), r.name]);
  return rows
    .filter((r) => unique(workersByGrid.get(r.id)!).includes(r.name))
    .map((r) => ({ code: r.code, worker: r.name, households: unique(byGrid.get(r.id) ?? []) }))
    .filter((h) => h.households.length > 0);
}

const day = (rand: () => number) => {
  const d = new Date(Date.UTC(2025, 0, 1) + Math.floor(rand() * 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

type Row = (string | number | Date | null)[];

function sheets(list: Holder[], rand: () => number): { name: string; header: string[]; rows: Row[] }[] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const n = (count: number, make: (i: number) => Row) => Array.from({ length: count }, (_, i) => make(i));
  const cats = ['婚姻家庭', '邻里', '房屋宅基地', '合同', '山林土地'];
  return [
    {
      name: '矛盾纠纷',
      header: [
        '序号',
        '网格编码',
        '排查时间',
        '当事人',
        '纠纷类型',
        '简要情况',
        '调处状态',
        '化解层级',
        '办结日期',
        '排查人',
      ],
      rows: n(1000, (i) => {
        const h = pick(list);
        const found = day(rand);
        return [
          i + 1,
          h.code,
          found,
          `${pick(h.households)}等${i}`,
          pick(cats),
          '纠纷',
          '调解成功',
          '户级网格',
          found,
          h.worker,
        ];
      }),
    },
    {
      name: '信息报告',
      header: ['序号', '网格编码', '报送日期', '信息类型', '报告内容', '报告人'],
      rows: n(1500, (i) => {
        const h = pick(list);
        return [i + 1, h.code, new Date(`${day(rand)}T00:00:00Z`), '安全隐患', `隐患${i}`, h.worker];
      }),
    },
    {
      name: '政策宣传',
      header: ['序号', '网格编码', '宣传时间', '宣传主题', '宣传形式', '入户数', '受众人数'],
      rows: n(1500, (i) => [i + 1, pick(list).code, day(rand), `主题${i}`, '入户', 20, 60]),
    },
    {
      name: '便民服务',
      header: ['序号', '网格编码', '服务日期', '服务类别', '服务内容', '服务对象', '服务人'],
      rows: n(3000, (i) => {
        const h = pick(list);
        return [i + 1, h.code, day(rand).replace(/-/g, '/'), '代办', `代办事项${i}`, pick(h.households), h.worker];
      }),
    },
    {
      name: '走访',
      header: ['序号', '网格编码', '走访日期', '走访人', '走访户数', '安全隐患', '当场解决'],
      rows: n(2500, (i) => {
        const h = list[i % list.length]!;
        return [
          i + 1,
          h.code,
          `2025-${String((Math.floor(i / list.length) % 12) + 1).padStart(2, '0')}-${String((Math.floor(i / list.length / 12) % 28) + 1).padStart(2, '0')}`,
          h.worker,
          12,
          1,
          1,
        ];
      }),
    },
    {
      name: '培训例会',
      header: ['序号', '网格编码', '会议时间', '类型', '会议内容', '实到人数'],
      rows: n(300, (i) => [i + 1, pick(list).code, day(rand), '例会', `例会${i}`, 10]),
    },
    {
      name: '微信群',
      header: ['序号', '网格编码', '群名称', '群主', '群成员数'],
      rows: [...new Map(list.map((h) => [h.code, h])).values()]
        .slice(0, 200)
        .map((h, i) => [i + 1, h.code, `${h.code}群`, h.worker, 80]),
    },
  ];
}

async function writeLedgers(file: string, list: Holder[]): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  let total = 0;
  for (const s of sheets(list, random(2025))) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow([`${s.name}台账（2025年）`]).commit();
    ws.addRow(['填报单位：温水镇人民政府']).commit();
    ws.addRow(s.header).commit();
    for (const r of s.rows) ws.addRow(r).commit();
    total += s.rows.length;
    ws.commit();
  }
  await wb.commit();
  return total;
}

export async function ledgersBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-ledgers-'));
  try {
    const seeded = path.join(dir, 'township.sqlite');
    const h = await openDatabase(seeded);
    // The people only: the ledgers bring the records.
    await createDemo(h.db, { townships: 1, seed: 4957, records: false });
    const list = await holders(h.db);
    await h.close();
    const file = path.join(dir, 'ledgers.xlsx');
    const count = await writeLedgers(file, list);
    rows.push(['', '']);
    rows.push([
      "a township's year of ledgers (deterministic)",
      `${count} rows on 7 sheets over ${list.length} household grids, ${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB`,
    ]);
    const floor = phase('floor', file);
    rows.push(['floor: exceljs alone reads every row', `${floor.ms} ms, peak ${floor.peakMb} MB (${floor.rows} rows)`]);
    const db = path.join(dir, 'import.sqlite');
    fs.copyFileSync(seeded, db);
    const imp = phase('import', file, db);
    if (!imp.ok) rows.push(['IMPORT ERRORS', `${imp.errors}: ${JSON.stringify(imp.firstErrors)}`]);
    rows.push([
      'GridDesk ledger import (read, check, link, match, one transaction)',
      `${imp.ms} ms, peak ${imp.peakMb} MB — ${(Number(imp.ms) / Number(floor.ms)).toFixed(2)}× the floor (goal ≤ 2×)`,
    ]);
    rows.push(['  created', JSON.stringify(imp.created)]);
    const again = phase('import', file, db);
    rows.push([
      'the same file again (every row matched, nothing written)',
      `${again.ms} ms — ${(Number(again.ms) / Number(floor.ms)).toFixed(2)}× the floor; created this time ${JSON.stringify(again.created)}`,
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
