/**
 * `npm run bench -- records-stats`: the county report's figures over a county year (≈ 5,000
 * disputes and ≈ 100,000 other records over the 15-township demo county), for the county and for
 * one village. Goal: ≤ 200 ms each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  DISPUTE_CATEGORIES,
  DISPUTE_STATUSES,
  SETTLED_LEVELS,
  type RecordFields,
  type RecordKind,
} from '../src/shared/records';
import { openDatabase } from '../src/main/db/connection';
import type { DbOrTrx } from '../src/main/db/schema';
import { insertBatched } from '../src/main/db/bulk';
import { createDemo } from '../src/main/services/demo/demo';
import { seededRandom } from '../src/main/services/demo/names';
import { KIND_TABLES, newRecordRow } from '../src/main/services/records/rows';
import { recordStats } from '../src/main/services/records/stats';

const YEAR = {
  disputes: 5_000,
  reports: 10_000,
  publicity: 15_000,
  services: 35_000,
  visits: 38_000,
  trainings: 2_000,
};

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
const day = (rand: Rand) =>
  `2026-${String(1 + Math.floor(rand() * 11)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;

function dispute(rand: Rand, gridId: number, workerId: number | null, i: number): RecordFields<'disputes'> {
  const status = pick(rand, DISPUTE_STATUSES);
  const open = status === '排查中' || status === '调处中';
  const foundDate = day(rand);
  return {
    gridId,
    workerId,
    foundDate,
    place: '',
    category: pick(rand, DISPUTE_CATEGORIES),
    scale: '一般',
    parties: `当事人${i}`,
    people: 2,
    summary: '',
    status,
    settledLevel: open ? null : status === '移交处理' ? '移交' : pick(rand, SETTLED_LEVELS.slice(0, 4)),
    settleDate: open ? null : foundDate,
    difficulty: null,
    deadline: foundDate,
    notes: '',
    steps: [],
  };
}

function other(kind: RecordKind, rand: Rand, g: { id: number; worker: number | null }, i: number, village: number) {
  const date = day(rand);
  const base = { gridId: g.id, workerId: g.worker, date };
  switch (kind) {
    case 'reports':
      return {
        ...base,
        time: '',
        type: '消防',
        summary: `信息${i}`,
        handling: '',
        reportedTo: '',
        result: '',
        important: rand() < 0.1,
      };
    case 'publicity':
      return {
        gridId: village,
        date,
        datePrecision: 'day',
        topic: '防火',
        form: '入户',
        households: 40,
        people: 100,
        materials: 0,
        notes: '',
      };
    case 'services':
      return { ...base, householdId: null, kind: '代办', content: `代办${i}`, result: '' };
    case 'visits':
      return { ...base, households: 12, problemTypes: {}, solved: 0, reported: 0, notes: '' };
    default:
      return {
        gridId: village,
        date,
        kind: '培训',
        audience: '',
        place: '',
        content: `培训${i}`,
        trainer: '',
        expected: null,
        attendees: [],
        attended: 20,
      };
  }
}

/** The county year, inserted through newRecordRow; WeChat groups for nine grids in ten. */
export async function fillYear(db: DbOrTrx): Promise<number> {
  const grids = await db
    .selectFrom('grids as g')
    .leftJoin('assignments as a', (j) => j.onRef('a.grid_id', '=', 'g.id').on('a.end_date', 'is', null))
    .select(['g.id', 'g.parent_id', (eb) => eb.fn.min('a.worker_id').as('worker')])
    .where('g.level', '=', 4)
    .groupBy('g.id')
    .execute();
  const groupToVillage = new Map(
    (await db.selectFrom('grids').select(['id', 'parent_id']).where('level', '=', 3).execute()).map((g) => [
      g.id,
      g.parent_id!,
    ]),
  );
  const rand = seededRandom(2026);
  const ts = new Date().toISOString();
  let total = 0;
  for (const [kind, n] of Object.entries(YEAR) as [keyof typeof YEAR, number][]) {
    const rows = Array.from({ length: n }, (_, i) => {
      const g = pick(rand, grids);
      const fields =
        kind === 'disputes'
          ? dispute(rand, g.id, g.worker, i)
          : other(kind, rand, g, i, groupToVillage.get(g.parent_id!)!);
      return newRecordRow(kind, fields as never, ts);
    });
    await insertBatched(db, KIND_TABLES[kind].table as never, rows as never);
    total += n;
  }
  const groups = grids
    .filter(() => rand() < 0.9)
    .map((g) =>
      newRecordRow(
        'wechatGroups',
        { gridId: g.id, name: `群${g.id}`, owner: '', members: 80, households: 30, notes: '' },
        ts,
      ),
    );
  await insertBatched(db, 'wechat_groups', groups as never);
  return total + groups.length;
}

async function median(fn: () => Promise<unknown>, runs = 10): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(runs / 2)]!;
}

export async function recordsStatsBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-stats-'));
  const h = await openDatabase(path.join(dir, 'county.sqlite'));
  try {
    await createDemo(h.db, { townships: 15, seed: 4957, records: false });
    const start = performance.now();
    const total = await h.db.transaction().execute((trx) => fillYear(trx));
    rows.push(['', '']);
    rows.push([
      'county year for records/stats (deterministic)',
      `${YEAR.disputes} disputes, ${total - YEAR.disputes} other records; inserted in ${Math.round(performance.now() - start)} ms`,
    ]);
    // The village with the most disputes: the largest a clerk would ask about.
    const village = (
      await h.db
        .selectFrom('disputes as d')
        .innerJoin('grids as g4', 'g4.id', 'd.grid_id')
        .innerJoin('grids as g3', 'g3.id', 'g4.parent_id')
        .select((eb) => ['g3.parent_id as id', eb.fn.countAll().as('n')])
        .groupBy('g3.parent_id')
        .orderBy('n', 'desc')
        .executeTakeFirstOrThrow()
    ).id!;
    const cases: [string, { from: string | null; to: string | null; gridId: number | null }][] = [
      ['county, the year', { from: '2026-01-01', to: '2026-12-31', gridId: null }],
      ['county, March', { from: '2026-03-01', to: '2026-03-31', gridId: null }],
      ['one village, the year', { from: '2026-01-01', to: '2026-12-31', gridId: village }],
    ];
    for (const [label, q] of cases) {
      const first = performance.now();
      const s = await recordStats(h.db, q);
      const firstMs = performance.now() - first;
      const ms = await median(() => recordStats(h.db, q));
      rows.push([
        `records/stats ${label}, median of 10`,
        `${ms.toFixed(1)} ms, first ${firstMs.toFixed(0)} ms (${s.disputes.found} disputes; goal ≤ 200 ms)`,
      ]);
    }
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
