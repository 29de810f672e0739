/**
 * A grid's 住户名单 as the grid worker carries it: the households with phones (they are the
 * worker's contact list) and masked ID numbers only (DOMAIN.md: nothing printed shows one in
 * full). Refused, naming what, when the grid has no households or the font lacks a character.
 */
import { todayChinese } from '../../../shared/dates';
import { maskId } from '../../../shared/idcard';
import type { DbOrTrx } from '../../db/schema';
import { AppError } from '../../errors';
import {
  checkHouseholdList,
  writeHouseholdList,
  type HouseholdList,
  type HouseholdListSection,
} from '../../pdf/household-list';
import type { Person } from '../../pdf/views';
import { gridPath, gridPaths, subtreeOf } from '../grids/queries';
import { householdsWithGrid } from '../households/households';
import { currentHolders, printSettings } from './holders';

function namePeople(people: Person[] | undefined): string {
  if (!people?.length) return '待配备';
  return people.map((p) => `${p.name}${p.role === '网格长' ? '（网格长）' : ''} ${p.phone}`.trim()).join('；');
}

async function tagsOf(db: DbOrTrx, gridId: number): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('household_tags as t')
    .innerJoin('households as h', 'h.id', 't.household_id')
    .select(['t.household_id', 't.tag'])
    .where('h.grid_id', 'in', subtreeOf(db, gridId))
    .orderBy('t.tag')
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.household_id, [...(out.get(r.household_id) ?? []), r.tag]);
  return out;
}

/** The grid's households, one section per household grid in code order. */
export async function loadHouseholdList(db: DbOrTrx, gridId: number, now?: Date): Promise<HouseholdList> {
  const root = await gridPath(db, gridId);
  const rows = await householdsWithGrid(db)
    .where('h.grid_id', 'in', subtreeOf(db, gridId))
    .orderBy('g.code')
    .orderBy('h.id')
    .execute();
  if (rows.length === 0) {
    throw new AppError('VALIDATION', `“${root.label}”下还没有住户，没有可打印的住户名单。`);
  }
  const gridIds = [...new Set(rows.map((r) => r.grid_id))];
  const [paths, holders, tags, settings] = await Promise.all([
    gridPaths(db, gridIds),
    currentHolders(db, [gridId, ...gridIds], false),
    tagsOf(db, gridId),
    printSettings(db),
  ]);
  const sections = new Map<number, HouseholdListSection>();
  for (const r of rows) {
    let s = sections.get(r.grid_id);
    if (!s) {
      const label = paths.get(r.grid_id)?.label ?? r.grid_name;
      sections.set(r.grid_id, (s = { label, workers: namePeople(holders.get(r.grid_id)), rows: [] }));
    }
    s.rows.push({
      headName: r.head_name,
      idMasked: r.id_number ? maskId(r.id_number) : '',
      phone: r.phone,
      // As on the contact cards: the address, or the door number when that is all there is.
      address: r.address || (r.door_number ? `${r.door_number}号` : ''),
      members: r.members,
      tags: (tags.get(r.id) ?? []).join('、'),
    });
  }
  return {
    label: root.label,
    workers: namePeople(holders.get(gridId)),
    unit: settings.unitName,
    date: todayChinese(now),
    sections: [...sections.values()],
  };
}

export async function printHouseholdList(
  db: DbOrTrx,
  gridId: number,
  out: string,
  fontPath: string,
  options: { now?: Date } = {},
): Promise<{ pages: number; households: number }> {
  const list = await loadHouseholdList(db, gridId, options.now);
  const missing = checkHouseholdList(list, fontPath);
  if (missing.length > 0) {
    const where = missing
      .slice(0, 10)
      .map((m) => `“${m.char}”（${m.where}）`)
      .join('；');
    throw new AppError(
      'VALIDATION',
      `字体中没有以下 ${missing.length} 处文字，打印出来会缺字：${where}${missing.length > 10 ? '……' : ''}。请核对这些姓名或住址（生僻字可改用常用写法），再打印。`,
    );
  }
  const { pages } = await writeHouseholdList(list, out, fontPath);
  return { pages, households: list.sections.reduce((n, s) => n + s.rows.length, 0) };
}
