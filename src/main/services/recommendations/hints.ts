/**
 * 候选人提示: for a pipeline and year, the workers in post with the facts that make them fit or
 * not — approved evaluation grades, age, education, political status, tenure — as reasons the
 * clerk reads. Nothing here decides or creates a recommendation.
 */
import type { HandlerArgs } from '../../../shared/api';
import { todayIso } from '../../../shared/dates';
import {
  HIGH_SCHOOL_OR_MORE,
  PIPELINE_LABELS,
  RESERVE_MAX_AGE,
  type Hint,
  type HintReason,
  type Pipeline,
} from '../../../shared/recommendations';
import type { DbOrTrx } from '../../db/schema';
import { approvedLines, type ApprovedLine } from '../evaluations/queries';
import { subtreeOf } from '../grids/queries';
import { currentOn } from '../workers/queries';
import { workerPlaces, yearsBetween } from './places';

export interface Candidate {
  name: string;
  age: number | null;
  education: string;
  politicalStatus: string;
  tenureYears: number | null;
  /** Graded lines of approved evaluations in the year and the one before, oldest first. */
  grades: ApprovedLine[];
  /** This pipeline's open recommendation, or this year's award: “提名（进行中）”. */
  existing: string | null;
}

/** 中共党员, 中共预备党员 and the members of the other parties (民革党员, 九三学社社员…). */
const MEMBER = /(党员|盟员|会员|社员)$/;

function gradeReasons(c: Candidate, year: number): HintReason[] {
  if (c.grades.length === 0) return [{ text: `${year - 1}—${year}年暂无审定的考核结果`, ok: null }];
  const failed = c.grades.filter((g) => g.grade === '不合格');
  if (failed.length > 0)
    return [{ text: `近两年考核不合格（${failed.map((g) => g.periodLabel).join('、')}）`, ok: false }];
  if (c.grades.every((g) => g.grade === '优秀')) return [{ text: '近两年考核优秀', ok: true }];
  return [{ text: `近两年考核：${c.grades.map((g) => `${g.periodLabel}${g.grade}`).join('、')}`, ok: true }];
}

function awardReasons(c: Candidate, year: number): HintReason[] {
  const thisYear = c.grades.filter((g) => g.periodEnd.startsWith(String(year)));
  if (thisYear.length === 0) return [{ text: `${year}年暂无审定的考核结果`, ok: null }];
  const excellent = thisYear.filter((g) => g.grade === '优秀');
  if (excellent.length > 0) return [{ text: `${excellent.map((g) => g.periodLabel).join('、')}考核优秀`, ok: true }];
  return [{ text: `${year}年考核${thisYear.map((g) => g.grade).join('、')}，未获优秀`, ok: false }];
}

function ageReason(c: Candidate, pipeline: Pipeline): HintReason {
  if (c.age === null) return { text: '出生日期未登记', ok: null };
  if (pipeline !== 'reserve') return { text: `年龄 ${c.age} 岁`, ok: null };
  return c.age <= RESERVE_MAX_AGE
    ? { text: `年龄 ${c.age} 岁`, ok: true }
    : { text: `年龄 ${c.age} 岁，超过 ${RESERVE_MAX_AGE} 岁`, ok: false };
}

function educationReason(c: Candidate): HintReason {
  if (!c.education) return { text: '学历未登记', ok: null };
  return (HIGH_SCHOOL_OR_MORE as readonly string[]).includes(c.education)
    ? { text: `学历${c.education}`, ok: true }
    : { text: `学历${c.education}，低于高中`, ok: false };
}

function politicalReason(c: Candidate): HintReason {
  if (!c.politicalStatus) return { text: '政治面貌未登记', ok: null };
  if (MEMBER.test(c.politicalStatus)) return { text: `已是${c.politicalStatus}`, ok: false };
  return { text: `政治面貌：${c.politicalStatus}`, ok: true };
}

function tenureReason(c: Candidate, pipeline: Pipeline): HintReason {
  if (c.tenureYears === null) return { text: '任职时间未登记', ok: null };
  if (pipeline === 'award' && c.tenureYears < 1) return { text: '任职不满 1 年', ok: false };
  return { text: c.tenureYears < 1 ? '任职不满 1 年' : `任职 ${c.tenureYears} 年`, ok: null };
}

/** The reasons for and against a candidate in a pipeline; `ok: null` is a plain fact. */
export function reasonsFor(pipeline: Pipeline, year: number, c: Candidate): HintReason[] {
  const reasons: HintReason[] = [];
  if (c.existing) reasons.push({ text: `已在“${PIPELINE_LABELS[pipeline]}”中：${c.existing}`, ok: false });
  if (pipeline === 'party') reasons.push(politicalReason(c));
  if (pipeline === 'award') reasons.push(...awardReasons(c, year));
  else reasons.push(...gradeReasons(c, year));
  reasons.push(ageReason(c, pipeline));
  if (pipeline === 'reserve') reasons.push(educationReason(c));
  if (pipeline === 'deputy') reasons.push({ text: `政治面貌：${c.politicalStatus || '未登记'}`, ok: null });
  reasons.push(tenureReason(c, pipeline));
  return reasons;
}

async function existingOf(db: DbOrTrx, pipeline: Pipeline, year: number): Promise<Map<number, string>> {
  let q = db
    .selectFrom('recommendations')
    .select(['worker_id', 'year', 'stage', 'status'])
    .where('pipeline', '=', pipeline);
  q =
    pipeline === 'award'
      ? q.where((eb) => eb.or([eb('status', '=', '进行中'), eb('year', '=', year)]))
      : q.where('status', '=', '进行中');
  const out = new Map<number, string>();
  for (const r of await q.execute()) out.set(r.worker_id, `${r.year}年度“${r.stage}”（${r.status}）`);
  return out;
}

/** Workers in post (in the village, if one is chosen), fit ones first, then by village and name. */
export async function candidateHints(db: DbOrTrx, input: HandlerArgs<'recommendations/hints'>): Promise<Hint[]> {
  const asOf = input.asOf ?? todayIso();
  let q = db
    .selectFrom('workers as w')
    .select(['w.id', 'w.name', 'w.birth_date', 'w.education', 'w.political_status'])
    .where('w.status', '=', '在岗')
    .where((eb) => {
      let sub = eb
        .selectFrom('assignments as a')
        .select('a.id')
        .whereRef('a.worker_id', '=', 'w.id')
        .where(currentOn());
      if (input.villageId !== null) sub = sub.where('a.grid_id', 'in', subtreeOf(db, input.villageId));
      return eb.exists(sub);
    });
  q = q.orderBy('w.id');
  const workers = await q.execute();
  const [places, lines, existing] = await Promise.all([
    workerPlaces(
      db,
      workers.map((w) => w.id),
    ),
    approvedLines(db, { from: `${input.year - 1}-01-01`, to: `${input.year}-12-31` }),
    existingOf(db, input.pipeline, input.year),
  ]);
  const grades = new Map<number, ApprovedLine[]>();
  for (const l of lines) if (l.excluded === null) grades.set(l.workerId, [...(grades.get(l.workerId) ?? []), l]);
  const hints = workers.map((w): Hint => {
    const place = places.get(w.id);
    const c: Candidate = {
      name: w.name,
      age: yearsBetween(w.birth_date, asOf),
      education: w.education,
      politicalStatus: w.political_status,
      tenureYears: yearsBetween(place?.since ?? null, asOf),
      grades: grades.get(w.id) ?? [],
      existing: existing.get(w.id) ?? null,
    };
    const reasons = reasonsFor(input.pipeline, input.year, c);
    return {
      workerId: w.id,
      name: w.name,
      village: place?.village ?? '',
      grids: place?.grids ?? '',
      age: c.age,
      education: c.education,
      politicalStatus: c.politicalStatus,
      tenureYears: c.tenureYears,
      reasons,
      fit: reasons.every((r) => r.ok !== false) && reasons.some((r) => r.ok === true),
      existing: c.existing,
    };
  });
  return hints.sort(
    (a, b) =>
      Number(b.fit) - Number(a.fit) ||
      a.village.localeCompare(b.village, 'zh-CN') ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}
