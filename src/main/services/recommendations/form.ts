/**
 * The 推荐表 of one recommendation: the worker's basic information (ID number and phone masked —
 * nothing printed shows them in full), where they serve and since when, the grades of approved
 * evaluations, the deeds as the clerk saved them and the two opinion boxes.
 */
import { Writable } from 'node:stream';
import { todayChinese, todayIso } from '../../../shared/dates';
import { maskPersonal } from '../../../shared/privacy';
import { PIPELINE_LABELS, formTitle, type RecommendationView } from '../../../shared/recommendations';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import {
  checkRecommendationForm,
  writeRecommendationForm,
  type RecommendationForm,
} from '../../pdf/recommendation-form';
import { approvedLines } from '../evaluations/queries';
import { printSettings } from '../print/holders';
import { workerPlaces, yearsBetween } from './places';
import { getRecommendation } from './views';

/** 2025年度 优秀；2026年上半年 合格, from every approved evaluation up to the year; 暂无 without any. */
export async function gradeHistory(db: DbOrTrx, workerId: number, year: number): Promise<string> {
  const lines = await approvedLines(db, { from: '1900-01-01', to: `${year}-12-31` });
  const mine = lines.filter((l) => l.workerId === workerId && l.excluded === null);
  return mine.length === 0 ? '暂无' : mine.map((l) => `${l.periodLabel} ${l.grade}`).join('；');
}

function subjectOf(r: RecommendationView): string {
  const honour =
    r.pipeline === 'award'
      ? [r.awardLevel, r.awardIssuer, r.certificateNo ? `证书编号 ${r.certificateNo}` : null]
      : r.pipeline === 'deputy'
        ? [r.deputyKind]
        : [];
  const extra = honour.filter(Boolean).join('，');
  return `${r.year}年度${PIPELINE_LABELS[r.pipeline]}：${r.stage}（${r.status}）${extra ? `，${extra}` : ''}`;
}

function tenureOf(since: string | null, today: string): string {
  const years = yearsBetween(since, today);
  if (years === null || !since) return '未登记';
  const from = `${since.slice(0, 4)}年${since.slice(5, 7)}月起`;
  return years < 1 ? `不满1年（${from}）` : `${years}年（${from}）`;
}

export async function loadForm(db: DbOrTrx, id: number, now = new Date()): Promise<RecommendationForm> {
  const r = await getRecommendation(db, id);
  const worker = await db
    .selectFrom('workers')
    .select(['birth_date', 'phone'])
    .where('id', '=', r.workerId)
    .executeTakeFirstOrThrow();
  const today = todayIso(now);
  const [places, grades, settings] = await Promise.all([
    workerPlaces(db, [r.workerId]),
    gradeHistory(db, r.workerId, r.year),
    printSettings(db),
  ]);
  const place = places.get(r.workerId);
  const age = yearsBetween(worker.birth_date, today);
  const birth = worker.birth_date
    ? `${worker.birth_date.slice(0, 4)}年${worker.birth_date.slice(5, 7)}月${age === null ? '' : `（${age}岁）`}`
    : '';
  return {
    title: formTitle(r.pipeline, r.year, r.deputyKind),
    // The village recommends its worker (its party organisation signs first); the unit name without one.
    unit: place?.village || settings.unitName,
    date: todayChinese(now),
    name: r.workerName,
    gender: r.gender,
    birth,
    politicalStatus: r.politicalStatus,
    education: r.education,
    idMasked: r.idMasked,
    phone: maskPersonal(worker.phone),
    grids: place?.grids || '未任网格',
    tenure: tenureOf(place?.since ?? null, today),
    subject: subjectOf(r),
    grades,
    deeds: r.deeds,
    villageOpinion: r.villageOpinion,
    townshipOpinion: r.townshipOpinion,
  };
}

/** Refuses, naming the characters and where, what the font cannot print. */
function assertPrintable(form: RecommendationForm, fontPath: string): void {
  const missing = checkRecommendationForm(form, fontPath);
  if (missing.length === 0) return;
  const where = missing
    .slice(0, 10)
    .map((m) => `“${m.char}”（${m.where}）`)
    .join('；');
  throw new AppError(
    'VALIDATION',
    `字体中没有以下 ${missing.length} 处文字，打印出来会缺字：${where}${missing.length > 10 ? '……' : ''}。请改用常用写法后再打印。`,
  );
}

export async function printForm(db: DbOrTrx, id: number, out: string, fontPath: string, now?: Date) {
  const form = await loadForm(db, id, now);
  assertPrintable(form, fontPath);
  return writeRecommendationForm(form, out, fontPath);
}

/** Drawn in memory: no temp file holding a worker's details is left if the app dies while previewing. */
export async function previewForm(
  db: DbOrTrx,
  id: number,
  fontPath: string,
): Promise<{ preview: string; pages: number }> {
  const form = await loadForm(db, id);
  assertPrintable(form, fontPath);
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const { pages } = await writeRecommendationForm(form, sink, fontPath);
  return { preview: Buffer.concat(chunks).toString('base64'), pages };
}
