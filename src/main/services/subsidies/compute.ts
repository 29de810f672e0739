/**
 * A period's payouts computed from the records, the shares, the posts and the evaluations, with
 * the rules in force, in integer 分. Each amount keeps its evidence. The rules of the money are
 * in README "How the money is computed"; this file and that section change together.
 */
import { sql, type SqlBool } from 'kysely';
import { formatPoints, formatYuan, splitFen } from '../../../shared/money';
import {
  MECHANISMS,
  SPLIT_LABELS,
  type Computation,
  type Evidence,
  type Mechanism,
  type PayoutLine,
} from '../../../shared/subsidies';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import { approvedLines, type ApprovedLine } from '../evaluations/queries';
import { subtreeIdList } from '../grids/queries';
import { workerFor } from '../records/attribution';
import { inGrids } from '../records/queries';
import { daysWithin, GridTree, heldDuring, monthsOf, overlaps, type Held } from './period';
import { loadRules, type RuleBook } from './rules';

export interface Period {
  from: string;
  to: string;
  gridId: number | null;
}

interface Env {
  db: DbOrTrx;
  period: Period;
  rules: RuleBook;
  tree: GridTree;
  /** Grid ids in scope; null: every grid. */
  scope: Set<number> | null;
  held: Held[];
}

interface Acc {
  workerId: number;
  mechanism: Mechanism;
  villageId: number | null;
  count: number;
  fen: number;
  evidence: Evidence[];
}

/** Lines being built, one per worker and mechanism. */
class Ledger {
  readonly accs = new Map<string, Acc>();
  readonly unattributed: Computation['unattributed'] = [];

  add(workerId: number, mechanism: Mechanism, e: Evidence, villageId: number | null = null, count = 1): void {
    const key = `${workerId}|${mechanism}`;
    let acc = this.accs.get(key);
    if (!acc) {
      acc = { workerId, mechanism, villageId, count: 0, fen: 0, evidence: [] };
      this.accs.set(key, acc);
    }
    acc.count += count;
    acc.fen += e.fen;
    acc.evidence.push(e);
  }
}

const inScope = (env: Env) => (env.scope ? inGrids([...env.scope]) : sql<SqlBool>`1 = 1`);

/** 以案定补: every 调解成功 case settled in the period pays its worker at its tier's rate on the settle date. */
async function cases(env: Env, ledger: Ledger): Promise<void> {
  const { from, to } = env.period;
  // Aliased `r` (records/queries R): workerFor and inGrids refer to it.
  const rows = await env.db
    .selectFrom('disputes as r')
    .select([
      'r.id',
      'r.settle_date',
      'r.difficulty',
      'r.parties',
      'r.category',
      workerFor('disputes', 'settle_date').as('worker'),
    ])
    .where('r.status', '=', '调解成功')
    .where('r.settle_date', '>=', from)
    .where('r.settle_date', '<=', to)
    .where(inScope(env))
    .orderBy('r.settle_date')
    .orderBy('r.id')
    .execute();
  for (const r of rows) {
    const date = r.settle_date!;
    const tier = (r.difficulty ?? '简单') as '简单' | '一般' | '重大';
    const label = `${r.parties || r.category}（${r.category}，${tier}）`;
    if (r.worker === null) {
      ledger.unattributed.push({ kind: 'dispute', id: r.id, date, label });
      continue;
    }
    const fen = env.rules.on('case', date).rates[tier];
    ledger.add(r.worker, 'case', { kind: 'dispute', id: r.id, date, label, fen });
  }
}

/** 信息奖励: every report marked 重要信息 in the period pays its reporter at the rate on its date. */
async function reports(env: Env, ledger: Ledger): Promise<void> {
  const { from, to } = env.period;
  const rows = await env.db
    .selectFrom('info_reports as r')
    .select(['r.id', 'r.report_date as date', 'r.type', 'r.summary', workerFor('reports').as('worker')])
    .where('r.important', '=', 1)
    .where('r.report_date', '>=', from)
    .where('r.report_date', '<=', to)
    .where(inScope(env))
    .orderBy('r.report_date')
    .orderBy('r.id')
    .execute();
  for (const r of rows) {
    const label = `${r.type}：${r.summary}`.slice(0, 60);
    if (r.worker === null) {
      ledger.unattributed.push({ kind: 'report', id: r.id, date: r.date, label });
      continue;
    }
    ledger.add(r.worker, 'info', {
      kind: 'report',
      id: r.id,
      date: r.date,
      label,
      fen: env.rules.on('info', r.date).rateFen,
    });
  }
}

interface ShareRow {
  id: number;
  village_id: number;
  period_start: string;
  period_end: string;
  amount_fen: number;
  split: string;
  manual: string;
}

/** Who held a level-3/4 grid of the village on some day of the share's period, by id. */
function villageWorkers(env: Env, held: Held[], share: ShareRow): number[] {
  const ids = new Set<number>();
  for (const h of held) {
    const g = env.tree.nodes.get(h.gridId);
    if (!g || g.level < 3 || !overlaps(h, share.period_start, share.period_end)) continue;
    if (env.tree.villageOf(h.gridId) === share.village_id) ids.add(h.workerId);
  }
  return [...ids].sort((a, b) => a - b);
}

/** Each worker's evaluation points in the village over the share's period (approved sheets only). */
function scoresFor(lines: ApprovedLine[], share: ShareRow, workers: number[]): number[] {
  const sums = new Map<number, number>();
  for (const l of lines) {
    if (l.villageId !== share.village_id || l.excluded !== null) continue;
    sums.set(l.workerId, (sums.get(l.workerId) ?? 0) + l.totalX10);
  }
  return workers.map((w) => Math.max(0, sums.get(w) ?? 0));
}

async function splitShare(
  env: Env,
  held: Held[],
  share: ShareRow,
): Promise<{ workerId: number; fen: number; how: string }[]> {
  const village = env.tree.nodes.get(share.village_id)?.name ?? '';
  if (share.split === 'manual') {
    const manual = Object.entries(JSON.parse(share.manual) as Record<string, number>).map(([w, fen]) => ({
      workerId: Number(w),
      fen,
      how: SPLIT_LABELS.manual,
    }));
    const sum = manual.reduce((a, m) => a + m.fen, 0);
    if (sum !== share.amount_fen) {
      throw new AppError(
        'CONFLICT',
        `${village}的集体收入切块（${share.period_start} 至 ${share.period_end}）手工分配合计 ${formatYuan(sum)} 元，与切块金额 ${formatYuan(share.amount_fen)} 元不符，请先修改切块`,
      );
    }
    return manual;
  }
  const workers = villageWorkers(env, held, share);
  if (workers.length === 0) {
    throw new AppError(
      'CONFLICT',
      `${village}在 ${share.period_start} 至 ${share.period_end} 没有网格员，集体收入切块无人可分，请核对切块或任职`,
    );
  }
  if (share.split === 'equal') {
    const parts = splitFen(
      share.amount_fen,
      workers.map(() => 1),
    );
    return workers.map((w, i) => ({ workerId: w, fen: parts[i]!, how: `平均分配 ÷ ${workers.length} 人` }));
  }
  const lines = await approvedLines(env.db, { from: share.period_start, to: share.period_end });
  const scores = scoresFor(lines, share, workers);
  const total = scores.reduce((a, b) => a + b, 0);
  if (total === 0) {
    throw new AppError(
      'CONFLICT',
      `${village}在 ${share.period_start} 至 ${share.period_end} 没有已审定的考核得分，无法按考核得分分配集体收入切块；请先审定考核表，或改为平均分配`,
    );
  }
  const parts = splitFen(share.amount_fen, scores);
  return workers.map((w, i) => ({
    workerId: w,
    fen: parts[i]!,
    how: `按考核得分 ${formatPoints(scores[i]!)} / ${formatPoints(total)} 分`,
  }));
}

/**
 * 集体收入切块: a share counts in the period that contains its end date, split among the workers
 * of its village during the share's own period.
 */
async function shares(env: Env, ledger: Ledger): Promise<void> {
  const { from, to } = env.period;
  const rows = await env.db
    .selectFrom('collective_shares')
    .select(['id', 'village_id', 'period_start', 'period_end', 'amount_fen', 'split', 'manual'])
    .where('period_end', '>=', from)
    .where('period_end', '<=', to)
    .orderBy('period_end')
    .orderBy('id')
    .execute();
  const mine = rows.filter((s) => !env.scope || env.scope.has(s.village_id));
  if (mine.length === 0) return;
  const earliest = mine.reduce((a, s) => (s.period_start < a ? s.period_start : a), mine[0]!.period_start);
  const held = await heldDuring(env.db, earliest, to);
  for (const share of mine) {
    const village = env.tree.nodes.get(share.village_id)?.name ?? '';
    for (const part of await splitShare(env, held, share)) {
      const label = `${village} ${share.period_start} 至 ${share.period_end} 切块 ${formatYuan(share.amount_fen)} 元，${part.how}`;
      ledger.add(
        part.workerId,
        'collective',
        { kind: 'share', id: share.id, date: share.period_end, label, fen: part.fen },
        share.village_id,
      );
    }
  }
}

/** Workers who held a grid in scope during the period (all workers without a scope: null). */
function workersInScope(env: Env): Set<number> | null {
  if (!env.scope) return null;
  return new Set(env.held.filter((h) => env.scope!.has(h.gridId)).map((h) => h.workerId));
}

/** 公益岗位: each month of the period in which the post is held on at least 15 days, at that month's rate. */
async function welfare(env: Env, ledger: Ledger): Promise<void> {
  const { from, to } = env.period;
  const months = monthsOf(from, to);
  if (months.length === 0) return;
  const posts = await env.db
    .selectFrom('welfare_posts')
    .select(['id', 'worker_id', 'post', 'start_date', 'end_date'])
    .where('start_date', '<=', months[months.length - 1]!.last)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', months[0]!.first)]))
    .orderBy('worker_id')
    .orderBy('start_date')
    .execute();
  const allowed = workersInScope(env);
  for (const p of posts) {
    if (allowed && !allowed.has(p.worker_id)) continue;
    for (const m of months) {
      const days = daysWithin(m.first, m.last, p.start_date, p.end_date);
      if (days < 15) continue;
      const fen = env.rules.on('welfare', m.first).monthlyFen;
      ledger.add(p.worker_id, 'welfare', {
        kind: 'month',
        id: null,
        date: m.key,
        label: `${p.post} ${m.key}（在岗 ${days} 天）`,
        fen,
      });
    }
  }
}

/** 考核系数 (when enabled on the period's last day): each worker's latest grade scales every amount. */
async function coefficient(env: Env, ledger: Ledger): Promise<void> {
  const rule = env.rules.on('coefficient', env.period.to);
  if (!rule.enabled || ledger.accs.size === 0) return;
  const latest = new Map<number, ApprovedLine>();
  // Ordered by period end: the last line of a worker is the latest.
  for (const l of await approvedLines(env.db, env.period))
    if (l.excluded === null && l.grade) latest.set(l.workerId, l);
  for (const acc of ledger.accs.values()) {
    const line = latest.get(acc.workerId);
    if (!line) continue;
    const pct = rule.percent[line.grade as keyof typeof rule.percent] ?? 100;
    // Round half up, in integers: 分 × percent is exact.
    const scaled = Math.floor((acc.fen * pct + 50) / 100);
    const label = `考核系数：${line.periodLabel} ${line.grade} ${pct}%`;
    acc.evidence.push({ kind: 'coefficient', id: line.sheetId, date: line.periodEnd, label, fen: scaled - acc.fen });
    acc.fen = scaled;
  }
}

/** Names, villages and household grids of the workers paid. */
async function workerInfo(env: Env, ids: number[]) {
  const names = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await env.db
      .selectFrom('workers')
      .select(['id', 'name'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  const village = new Map<number, number | null>();
  const grids = new Map<number, Set<string>>();
  // heldDuring is oldest first: the latest assignment's village wins.
  for (const h of env.held) {
    const v = env.tree.villageOf(h.gridId);
    if (v !== null) village.set(h.workerId, v);
    const g = env.tree.nodes.get(h.gridId);
    // The grids they answer for: a household grid's 网格员, or a group's 网格长 (level 3).
    if (g && g.level >= 3) grids.set(h.workerId, (grids.get(h.workerId) ?? new Set()).add(g.code));
  }
  return { names, village, grids };
}

async function toLines(env: Env, ledger: Ledger): Promise<PayoutLine[]> {
  const accs = [...ledger.accs.values()];
  const info = await workerInfo(env, [...new Set(accs.map((a) => a.workerId))]);
  const lines = accs.map((a): PayoutLine => {
    const villageId = info.village.get(a.workerId) ?? a.villageId;
    return {
      id: null,
      workerId: a.workerId,
      worker: info.names.get(a.workerId) ?? '',
      villageId,
      village: villageId === null ? '' : (env.tree.nodes.get(villageId)?.name ?? ''),
      grids: [...(info.grids.get(a.workerId) ?? [])].sort(),
      mechanism: a.mechanism,
      count: a.count,
      computedFen: a.fen,
      adjustFen: 0,
      adjustReason: '',
      amountFen: a.fen,
      evidence: a.evidence,
    };
  });
  return sortLines(lines, env.tree);
}

const collator = new Intl.Collator('zh-CN');

/** By village (grid code), worker name, worker, mechanism in the order of MECHANISMS. */
export function sortLines(lines: PayoutLine[], tree: GridTree): PayoutLine[] {
  const code = (l: PayoutLine) => (l.villageId === null ? '~' : (tree.nodes.get(l.villageId)?.code ?? '~'));
  return lines.sort(
    (a, b) =>
      code(a).localeCompare(code(b)) ||
      collator.compare(a.worker, b.worker) ||
      a.workerId - b.workerId ||
      MECHANISMS.indexOf(a.mechanism) - MECHANISMS.indexOf(b.mechanism),
  );
}

export function totalsOf(lines: readonly PayoutLine[]): { byMechanism: Record<Mechanism, number>; totalFen: number } {
  const byMechanism = Object.fromEntries(MECHANISMS.map((m) => [m, 0])) as Record<Mechanism, number>;
  for (const l of lines) byMechanism[l.mechanism] += l.amountFen;
  return { byMechanism, totalFen: MECHANISMS.reduce((a, m) => a + byMechanism[m], 0) };
}

/** The period's payouts as of now: stored nowhere. */
export async function computePeriod(db: DbOrTrx, period: Period): Promise<Computation> {
  const { from, to, gridId } = period;
  if (gridId !== null && !(await db.selectFrom('grids').select('id').where('id', '=', gridId).executeTakeFirst())) {
    throw new AppError('NOT_FOUND', '所选网格不存在或已被删除');
  }
  const env: Env = {
    db,
    period,
    rules: await loadRules(db),
    tree: await GridTree.load(db),
    scope: gridId === null ? null : new Set(await subtreeIdList(db, gridId)),
    held: await heldDuring(db, from, to),
  };
  const ledger = new Ledger();
  await cases(env, ledger);
  await reports(env, ledger);
  await shares(env, ledger);
  await welfare(env, ledger);
  await coefficient(env, ledger);
  const lines = await toLines(env, ledger);
  return { from, to, gridId, lines, ...totalsOf(lines), unattributed: ledger.unattributed };
}
