/**
 * The dashboard's health list: what is wrong in the roster and the grid tree now (not in the
 * period), each with examples naming the screen that fixes it. Counts are whole; examples are
 * the first 20 in code order.
 */
import type { HealthItem } from '../../../shared/reports';
import type { DbOrTrx } from '../../db/schema';
import { gridPaths } from '../grids/queries';
import { gridsWithoutGroup } from '../records/wechat';
import { listVacancies } from '../workers/vacancies';
import { currentOn } from '../workers/queries';
import { overdueDispute } from '../records/queries';

const EXAMPLES = 20;
type Example = HealthItem['examples'][number];

function item(key: string, label: string, all: Example[]): HealthItem {
  return { key, label, count: all.length, examples: all.slice(0, EXAMPLES) };
}

const gridExample = (g: { id: number; label: string }, note = ''): Example => ({
  label: note ? `${g.label}（${note}）` : g.label,
  target: { kind: 'grid', id: g.id },
});

async function outsideRule(db: DbOrTrx, gridIds: number[] | null): Promise<Example[]> {
  let q = db
    .selectFrom('grids as g')
    .leftJoin('households as h', 'h.grid_id', 'g.id')
    .select(['g.id', 'g.code', (eb) => eb.fn.count<number>('h.id').as('n')])
    .where('g.level', '=', 4)
    .groupBy(['g.id', 'g.code'])
    .having((eb) => eb.or([eb(eb.fn.count('h.id'), '<', 15), eb(eb.fn.count('h.id'), '>', 20)]))
    .orderBy('g.code');
  if (gridIds !== null) q = q.where('g.id', 'in', gridIds);
  const rows = await q.execute();
  const paths = await gridPaths(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => gridExample({ id: r.id, label: paths.get(r.id)?.label ?? r.code }, `${Number(r.n)} 户`));
}

/** Workers holding a grid of the scope now, lacking a phone or a photo. */
async function workersLacking(db: DbOrTrx, gridIds: number[] | null, what: 'phone' | 'photo'): Promise<Example[]> {
  let q = db
    .selectFrom('workers as w')
    .select(['w.id', 'w.name'])
    .where((eb) => {
      let held = eb
        .selectFrom('assignments as a')
        .select('a.id')
        .whereRef('a.worker_id', '=', 'w.id')
        .where(currentOn());
      if (gridIds !== null) held = held.where('a.grid_id', 'in', gridIds);
      return eb.exists(held);
    })
    .orderBy('w.name')
    .orderBy('w.id');
  q = what === 'phone' ? q.where((eb) => eb(eb.fn('trim', ['w.phone']), '=', '')) : q.where('w.photo', 'is', null);
  const rows = await q.execute();
  return rows.map((r) => ({ label: r.name, target: { kind: 'worker', id: r.id } }));
}

async function withoutWechat(db: DbOrTrx, gridId: number | null): Promise<Example[]> {
  const roots =
    gridId !== null
      ? [gridId]
      : (await db.selectFrom('grids').select('id').where('parent_id', 'is', null).orderBy('code').execute()).map(
          (r) => r.id,
        );
  const out: Example[] = [];
  for (const root of roots) out.push(...(await gridsWithoutGroup(db, root)).map((g) => gridExample(g)));
  return out;
}

async function overdue(db: DbOrTrx, gridIds: number[] | null, today: string): Promise<Example[]> {
  let q = db
    .selectFrom('disputes as r')
    .select(['r.id', 'r.found_date', 'r.parties', 'r.deadline'])
    .where(overdueDispute(today))
    .orderBy('r.deadline')
    .orderBy('r.id');
  if (gridIds !== null) q = q.where('r.grid_id', 'in', gridIds);
  const rows = await q.execute();
  return rows.map((r) => ({
    label: `${r.parties || '（未填当事人）'}，时限 ${r.deadline}`,
    target: { kind: 'record', id: r.id, recordKind: 'disputes' },
  }));
}

/** The numbers missing between the lowest and highest sequence of one parent's children. */
export function missingSequences(parentCode: string, childCodes: string[]): string[] {
  const seqs = childCodes
    .filter((c) => c.startsWith(parentCode) && /^\d+$/.test(c.slice(parentCode.length)))
    .map((c) => c.slice(parentCode.length));
  if (seqs.length < 2) return [];
  const width = seqs[0]!.length;
  const taken = new Set(seqs.map(Number));
  const [lo, hi] = [Math.min(...taken), Math.max(...taken)];
  const out: string[] = [];
  for (let n = lo + 1; n < hi; n++) if (!taken.has(n)) out.push(parentCode + String(n).padStart(width, '0'));
  return out;
}

async function codeGaps(db: DbOrTrx, gridIds: number[] | null): Promise<Example[]> {
  let q = db
    .selectFrom('grids as c')
    .innerJoin('grids as p', 'p.id', 'c.parent_id')
    .select(['p.id as parentId', 'p.code as parentCode', 'c.code'])
    .orderBy('p.code')
    .orderBy('c.code');
  if (gridIds !== null) q = q.where('p.id', 'in', gridIds);
  const rows = await q.execute();
  const byParent = new Map<number, { code: string; children: string[] }>();
  for (const r of rows) {
    const p = byParent.get(r.parentId) ?? { code: r.parentCode, children: [] };
    p.children.push(r.code);
    byParent.set(r.parentId, p);
  }
  const gaps = [...byParent].flatMap(([id, p]) => missingSequences(p.code, p.children).map((code) => ({ id, code })));
  const paths = await gridPaths(db, [...new Set(gaps.map((g) => g.id))]);
  return gaps.map((g) => gridExample({ id: g.id, label: paths.get(g.id)?.label ?? g.code }, `缺编码 ${g.code}`));
}

export async function health(
  db: DbOrTrx,
  gridId: number | null,
  gridIds: number[] | null,
  today: string,
): Promise<HealthItem[]> {
  const [vacancies, rule, phone, photo, wechat, late, gaps] = await Promise.all([
    listVacancies(db, { gridId, level: null }),
    outsideRule(db, gridIds),
    workersLacking(db, gridIds, 'phone'),
    workersLacking(db, gridIds, 'photo'),
    withoutWechat(db, gridId),
    overdue(db, gridIds, today),
    codeGaps(db, gridIds),
  ]);
  return [
    item(
      'vacancies',
      '空缺网格（无在岗网格员）',
      vacancies.map((v) => gridExample(v)),
    ),
    item('gridsOutsideRule', '户级网格户数不在 15–20 户', rule),
    item('workersWithoutPhone', '网格员缺联系电话', phone),
    item('workersWithoutPhoto', '网格员缺照片', photo),
    item('gridsWithoutWechat', '户级网格未建微信群', wechat),
    item('overdueDisputes', '超期未化解的矛盾纠纷', late),
    item('codeGaps', '网格编码断号', gaps),
  ];
}
