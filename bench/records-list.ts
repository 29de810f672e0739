/**
 * `npm run bench -- records-list`: a county year of records (≈ 5,000 disputes and ≈ 100,000 other
 * records over the 15-township demo county) and the filtered list pages a clerk opens, for the
 * county and for one village. Goal: a page in ≤ 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  DISPUTE_CATEGORIES,
  DISPUTE_STATUSES,
  REPORT_TYPES,
  SERVICE_KINDS,
  type RecordFields,
  type RecordKind,
} from '../src/shared/records';
import { recordListSchema, timelineSchema, type RecordListInput } from '../src/shared/records';
import { openDatabase } from '../src/main/db/connection';
import type { DbOrTrx } from '../src/main/db/schema';
import { insertBatched } from '../src/main/db/bulk';
import { createDemo } from '../src/main/services/demo/demo';
import { newRecordRow } from '../src/main/services/records/rows';
import { listRecords, timeline } from '../src/main/services/records/list';

/** How many of each kind a county year holds (the county report's orders of magnitude). */
const YEAR: Partial<Record<RecordKind, number>> = {
  disputes: 5_000,
  reports: 10_000,
  publicity: 15_000,
  services: 35_000,
  visits: 38_000,
  trainings: 2_000,
};

function seeded(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor(s / 65536) % n;
  };
}

const pick = <T>(r: (n: number) => number, list: readonly T[]) => list[r(list.length)]!;
const day = (r: (n: number) => number) =>
  `2026-${String(1 + r(11)).padStart(2, '0')}-${String(1 + r(28)).padStart(2, '0')}`;

interface Grid {
  id: number;
  worker: number | null;
}

function fieldsOf(kind: RecordKind, g: Grid, r: (n: number) => number, i: number, villages: number[]) {
  const date = day(r);
  const base = { gridId: g.id, workerId: g.worker };
  switch (kind) {
    case 'disputes': {
      const status = pick(r, DISPUTE_STATUSES);
      const open = status === '排查中' || status === '调处中';
      return {
        ...base,
        foundDate: date,
        place: '',
        category: pick(r, DISPUTE_CATEGORIES),
        scale: '一般',
        parties: `当事人${i}`,
        people: 2,
        summary: '纠纷情况',
        status,
        settledLevel: status === '调解成功' ? '村' : null,
        settleDate: open ? null : date,
        difficulty: null,
        deadline: date,
        notes: '',
        steps: [],
      } satisfies RecordFields<'disputes'>;
    }
    case 'reports':
      return {
        ...base,
        date,
        time: '',
        type: pick(r, REPORT_TYPES),
        summary: `信息${i}`,
        handling: '',
        reportedTo: '',
        result: '',
        important: r(10) === 0,
      };
    case 'publicity':
      return {
        gridId: g.id,
        date,
        datePrecision: 'day',
        topic: '防范网络诈骗',
        form: '入户',
        households: 20,
        people: 50,
        materials: 20,
        notes: '',
      };
    case 'services':
      return { ...base, householdId: null, date, kind: pick(r, SERVICE_KINDS), content: `代办事项${i}`, result: '' };
    case 'visits':
      return { ...base, date, households: 10, problemTypes: {}, solved: 0, reported: 0, notes: '' };
    default:
      return {
        gridId: pick(r, villages),
        date,
        kind: '例会',
        audience: '',
        place: '',
        content: `例会${i}`,
        trainer: '',
        expected: null,
        attendees: [],
        attended: 8,
      };
  }
}

/** Inserts the county year through newRecordRow, as every writer of records does. */
async function fillYear(db: DbOrTrx): Promise<Record<string, number>> {
  const grids: Grid[] = await db
    .selectFrom('grids as g')
    .leftJoin('assignments as a', (j) => j.onRef('a.grid_id', '=', 'g.id').on('a.end_date', 'is', null))
    .select(['g.id', (eb) => eb.fn.min('a.worker_id').as('worker')])
    .where('g.level', '=', 4)
    .groupBy('g.id')
    .execute();
  const villages = (await db.selectFrom('grids').select('id').where('level', '=', 2).execute()).map((v) => v.id);
  const r = seeded(2026);
  const ts = new Date().toISOString();
  const counts: Record<string, number> = {};
  for (const [kind, n] of Object.entries(YEAR) as [RecordKind, number][]) {
    const rows = Array.from({ length: n }, (_, i) =>
      newRecordRow(kind, fieldsOf(kind, pick(r, grids), r, i, villages) as never, ts),
    );
    await insertBatched(db, KIND_TABLE[kind], rows as never);
    counts[kind] = n;
  }
  return counts;
}

const KIND_TABLE = {
  disputes: 'disputes',
  reports: 'info_reports',
  publicity: 'publicity',
  services: 'services',
  visits: 'visits',
  trainings: 'trainings',
  wechatGroups: 'wechat_groups',
} as const;

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

export async function recordsListBench(rows: [string, string][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'griddesk-bench-records-'));
  const h = await openDatabase(path.join(dir, 'county.sqlite'));
  try {
    await createDemo(h.db, { townships: 15, seed: 4957, records: false });
    const start = performance.now();
    const counts = await h.db.transaction().execute((trx) => fillYear(trx));
    rows.push(['', '']);
    rows.push([
      'county year of records (deterministic)',
      `${Object.entries(counts)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}; inserted in ${Math.round(performance.now() - start)} ms`,
    ]);
    const village = (
      await h.db.selectFrom('grids').select('id').where('level', '=', 2).orderBy('id').executeTakeFirstOrThrow()
    ).id;
    // A worker who holds a household grid: one with visit logs.
    const worker = (
      await h.db
        .selectFrom('visits')
        .select('worker_id')
        .where('worker_id', 'is not', null)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).worker_id!;
    const pages: [string, RecordListInput][] = [
      [
        'disputes: county, open, the year',
        { kind: 'disputes', status: ['排查中', '调处中'], from: '2026-01-01', to: '2026-12-31' },
      ],
      ['disputes: county, overdue', { kind: 'disputes', overdue: true }],
      ['disputes: one village, the year', { kind: 'disputes', gridId: village, from: '2026-01-01', to: '2026-12-31' }],
      ['services: county, March', { kind: 'services', from: '2026-03-01', to: '2026-03-31' }],
      ['services: one village, text 代办事项1', { kind: 'services', gridId: village, text: '代办事项1' }],
      ['visits: one worker', { kind: 'visits', workerId: worker }],
      ['reports: county, 重要 in the year', { kind: 'reports', important: true, from: '2026-01-01', to: '2026-12-31' }],
    ];
    for (const [label, q] of pages) {
      const input = recordListSchema.parse(q);
      const first = await listRecords(h.db, input);
      const ms = await median(() => listRecords(h.db, input));
      rows.push([`records/list ${label}, median of 10`, `${ms.toFixed(1)} ms (${first.total} matching; goal ≤ 50 ms)`]);
    }
    const tl = timelineSchema.parse({ gridId: village });
    const ms = await median(() => timeline(h.db, tl));
    rows.push(['records/timeline one village, 200 newest, median of 10', `${ms.toFixed(1)} ms`]);
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
