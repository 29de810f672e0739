import { PIPELINE_LABELS, recommendationsApi, type RecommendationView } from '../../../shared/recommendations';
import { defineHandlers } from '../../ipc/define';
import * as recs from './recommendations';
import { deedCounts, deedsText } from './deeds';
import { exportRecommendations } from './export';
import { candidateHints } from './hints';
import { getRecommendation, listRecommendations } from './views';

// pdfkit and fontkit load only when something is printed (the CLI starts faster).
const form = () => import('./form');
const fonts = () => import('../../pdf/fonts');

/** How the 操作日志 names a recommendation: 张三 2026年度优秀网格员. */
const named = (r: Pick<RecommendationView, 'workerName' | 'year' | 'pipeline'>) =>
  `${r.workerName} ${r.year}年度${PIPELINE_LABELS[r.pipeline]}`;

export const recommendationsHandlers = defineHandlers(recommendationsApi, {
  'recommendations/list': ({ db }, input) => listRecommendations(db, input),
  'recommendations/get': ({ db }, { id }) => getRecommendation(db, id),
  'recommendations/create': async ({ db, audit }, input) => {
    const r = await recs.createRecommendation(db, input);
    const s = r.stepList[0]!;
    audit.record({ entity: '推优', entityId: r.id, summary: `${named(r)}：${s.stage} ${s.date} ${s.decision}` });
    return r;
  },
  'recommendations/addStep': async ({ db, audit }, input) => {
    const r = await recs.addStep(db, input);
    const cert = r.certificateNo && input.honour.certificateNo ? `，证书编号 ${r.certificateNo}` : '';
    audit.record({
      entity: '推优',
      entityId: r.id,
      summary: `${named(r)}：${input.stage} ${input.date} ${input.decision}${cert} → ${r.status}`,
    });
    return r;
  },
  'recommendations/removeLastStep': async ({ db, audit }, { id }) => {
    const before = await getRecommendation(db, id);
    const r = await recs.removeLastStep(db, id);
    const s = before.stepList.at(-1)!;
    audit.record({ entity: '推优', entityId: id, summary: `${named(r)}：撤回“${s.stage}”${s.date} ${s.decision}` });
    return r;
  },
  'recommendations/update': async ({ db, audit }, input) => {
    const r = await recs.updateRecommendation(db, input);
    audit.record({ entity: '推优', entityId: r.id, summary: `${named(r)}：修改事迹、意见或荣誉信息` });
    return r;
  },
  'recommendations/delete': async ({ db, audit }, { id }) => {
    const before = await getRecommendation(db, id);
    const r = await recs.deleteRecommendation(db, id);
    const steps = before.stepList.map((s) => `${s.stage} ${s.date} ${s.decision}`).join('、');
    audit.record({ entity: '推优', entityId: id, summary: `${named(before)}（${steps}）`, counts: { 环节: r.steps } });
    return r;
  },
  'recommendations/deedsDraft': async ({ db }, { id }) => {
    const r = await getRecommendation(db, id);
    const counts = await deedCounts(db, r.workerId, r.year);
    return { text: deedsText(r.workerName, r.year, counts), counts };
  },
  'recommendations/hints': ({ db }, input) => candidateHints(db, input),
  'recommendations/preview': async ({ db, app }, { id }) => {
    const [{ previewForm }, { fontFile }] = await Promise.all([form(), fonts()]);
    return previewForm(db, id, fontFile(app.resourcesDir));
  },
  'recommendations/printForm': async ({ db, app }, { id, out }) => {
    const [{ printForm }, { fontFile }] = await Promise.all([form(), fonts()]);
    return { file: out, ...(await printForm(db, id, out, fontFile(app.resourcesDir))) };
  },
  'recommendations/export': async ({ db }, input) => ({ file: input.out, ...(await exportRecommendations(db, input)) }),
});
