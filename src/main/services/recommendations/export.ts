/** A pipeline's list for a year (filtered as on screen) as a workbook, ID numbers masked. */
import type { HandlerArgs } from '../../../shared/api';
import { todayChinese } from '../../../shared/dates';
import { PIPELINE_LABELS } from '../../../shared/recommendations';
import type { DbOrTrx } from '../../db/schema';
import { writeRecommendationList } from '../../excel/recommendations';
import { gridPath } from '../grids/queries';
import { getSettings } from '../settings/settings';
import { listRecommendations } from './views';

export async function exportRecommendations(
  db: DbOrTrx,
  input: HandlerArgs<'recommendations/export'>,
  now?: Date,
): Promise<{ rows: number }> {
  const rows = await listRecommendations(db, input);
  const scope = input.villageId === null ? '' : (await gridPath(db, input.villageId)).label;
  const unit = (await getSettings(db)).unitName;
  const status = input.status ? `（${input.status}）` : '';
  return writeRecommendationList(
    input.out,
    {
      title: `${scope}${input.year}年度${PIPELINE_LABELS[input.pipeline]}名单${status}`,
      info: `导出单位：${unit || '\u3000'}\u3000\u3000导出日期：${todayChinese(now)}\u3000\u3000共 ${rows.length} 人`,
    },
    rows.map((r) => ({
      village: r.village,
      name: r.workerName,
      gender: r.gender,
      age: r.age,
      idMasked: r.idMasked,
      politicalStatus: r.politicalStatus,
      education: r.education,
      grids: r.grids,
      stage: r.stage,
      status: r.status,
      date: r.lastDate ?? '',
      which: r.awardLevel ?? r.deputyKind ?? '',
      issuer: r.awardIssuer ?? '',
      certificateNo: r.certificateNo ?? '',
      notes: r.notes,
    })),
  );
}
