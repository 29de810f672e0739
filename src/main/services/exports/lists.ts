/**
 * The vacancy list and a village's 通讯录 as workbooks: the rows built here from the database
 * (grid labels, current holders), excel/lists.ts lays them out.
 */
import { todayChinese } from '../../../shared/dates';
import type { DbOrTrx } from '../../db/schema';
import { writeContactList, writeVacancyList, type ContactRow, type ListHead } from '../../excel/lists';
import { gridPath, gridPaths, subtreeOf } from '../grids/queries';
import { getSettings } from '../settings/settings';
import { listVacancies } from '../workers/vacancies';
import { holdersOn } from '../workers/queries';

export interface ListOptions {
  /** The clock for 导出日期: tests export as of a fixed instant. */
  now?: Date;
}

async function listHead(db: DbOrTrx, title: string, options: ListOptions): Promise<ListHead> {
  const unit = (await getSettings(db)).unitName;
  return { title, info: `导出单位：${unit || '\u3000'}\u3000\u3000导出日期：${todayChinese(options.now)}` };
}

/** 待配备网格: the grids the vacancy panel lists, with the same scope and level. */
export async function exportVacancies(
  db: DbOrTrx,
  out: string,
  input: { gridId: number | null; level: number | null },
  options: ListOptions = {},
): Promise<{ rows: number }> {
  const vacancies = await listVacancies(db, input);
  const scope = input.gridId === null ? '' : (await gridPath(db, input.gridId)).label;
  const head = await listHead(db, `${scope}待配备网格（暂无现任网格员）`, options);
  return writeVacancyList(
    out,
    head,
    vacancies.map((v) => ({
      code: v.code,
      label: v.label,
      level: v.level,
      households: v.level === 4 ? v.households : null,
      lastHolder: v.lastHolder?.name ?? '',
      lastEndDate: v.lastHolder?.endDate ?? '',
    })),
  );
}

/**
 * 通讯录 of a village (or any grid): everyone holding a grid in it now, one row each, with their
 * phone in full and the grids they hold there; in the order of their first grid's code, so the
 * secretary comes first and each group's people follow their group.
 */
export async function exportContacts(
  db: DbOrTrx,
  out: string,
  gridId: number,
  options: ListOptions = {},
): Promise<{ rows: number }> {
  const root = await gridPath(db, gridId);
  const rows = await holdersOn(db)
    .innerJoin('grids as g', 'g.id', 'a.grid_id')
    .select(['w.id as worker_id', 'w.name', 'w.phone', 'a.grid_id', 'a.role', 'a.title', 'g.code'])
    .where('a.grid_id', 'in', subtreeOf(db, gridId))
    .orderBy('g.code')
    .orderBy('a.role', 'desc')
    .orderBy('w.name')
    .execute();
  const paths = await gridPaths(db, [...new Set(rows.map((r) => r.grid_id))]);
  const byWorker = new Map<number, ContactRow>();
  for (const r of rows) {
    let c = byWorker.get(r.worker_id);
    if (!c) byWorker.set(r.worker_id, (c = { name: r.name, phone: r.phone, titles: [], grids: [], codes: [] }));
    if (r.title && !c.titles.includes(r.title)) c.titles.push(r.title);
    const label = paths.get(r.grid_id)?.label ?? r.code;
    c.grids.push(r.role === '网格长' ? `${label}（网格长）` : label);
    c.codes.push(r.code);
  }
  const head = await listHead(db, `${root.label}网格员通讯录`, options);
  return writeContactList(out, head, [...byWorker.values()]);
}
