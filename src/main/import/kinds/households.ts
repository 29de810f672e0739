/**
 * 住户花名册: one row per household, in its household grid (level 4). A household is the same
 * one again by its head's ID number, else by grid, head and door number (or address).
 */
import { FIELD_LABELS, HOUSEHOLD_FIELDS } from '../../../shared/imports';
import type { HouseholdFields } from '../../../shared/people';
import { toHalfWidth } from '../../../shared/text';
import type { DbOrTrx } from '../../db/schema';
import {
  householdSnapshots,
  insertHouseholds,
  replaceHousehold,
  type HouseholdSnapshot,
} from '../../services/households/rows';
import { describeCell, splitTags } from '../cells';
import { synonymsFor } from '../fields';
import type { GridPath, RowReader } from '../row-reader';
import {
  sameSet,
  tallyChanges,
  type ApplyContext,
  type Change,
  type ImportKind,
  type KindChanges,
  type PlanContext,
  type RecordOrigin,
} from './types';

export interface HouseholdRecord extends RecordOrigin, GridPath {
  headName: string;
  idNumber: string;
  phone: string;
  address: string;
  doorNumber: string;
  members: number | null;
  tags: string[];
  notes: string;
}

const SYNONYMS = synonymsFor(HOUSEHOLD_FIELDS, {
  headName: ['户主姓名', '户主', '户主名', '户主名字'],
  address: ['住址', '家庭住址', '地址', '居住地址', '现住址'],
  doorNumber: ['门牌号', '门牌', '门牌号码'],
  members: ['家庭人口', '人口数', '家庭人数', '人数', '家庭成员数', '在册人口'],
});

// ---- parse

function readMembers(r: RowReader): number | null {
  const m = r.raw('members');
  if (m === null || m === '') return null;
  const n = typeof m === 'number' ? m : Number(toHalfWidth(String(m)).replace(/人$/, '').trim());
  if (Number.isInteger(n) && n >= 1 && n <= 50) return n;
  r.fail('members', `家庭人口应为 1–50 的整数，这一格是${describeCell(m)}`);
  return null;
}

function parseHousehold(r: RowReader): HouseholdRecord | null {
  const path = r.place();
  if (!path.gridCode && !path.gridName) {
    r.fail(r.has('gridCode') ? 'gridCode' : 'gridName', '没有填写所属户级网格（网格编码或网格名称）');
  }
  const headName = r.name('headName');
  const idNumber = r.idNumber(false);
  const phone = r.phone(false);
  const members = readMembers(r);
  if (r.errors.length) return null;
  return Object.assign(path, {
    headName,
    idNumber,
    phone,
    address: r.text('address'),
    doorNumber: r.text('doorNumber'),
    members,
    tags: splitTags(r.text('tags')),
    notes: r.text('notes'),
  });
}

// ---- plan

interface HouseholdItem {
  id: number | null; // null: new
  gridId: number;
  record: HouseholdRecord;
  change: Change;
}

export interface HouseholdPlan extends KindChanges {
  households: HouseholdItem[];
}

/** Same grid, head and door number (or address when there is none). */
const placeKey = (gridId: number, headName: string, doorNumber: string, address: string) =>
  `${gridId}|${headName}|${doorNumber || address}`;

function householdItem(rec: HouseholdRecord, gridId: number, old: HouseholdSnapshot | undefined): HouseholdItem {
  if (!old) return { id: null, gridId, record: rec, change: 'create' };
  const same =
    old.gridId === gridId &&
    old.headName === rec.headName &&
    old.idNumber === rec.idNumber &&
    old.phone === rec.phone &&
    old.address === rec.address &&
    old.doorNumber === rec.doorNumber &&
    old.members === rec.members &&
    old.notes === rec.notes &&
    sameSet(old.tags, rec.tags);
  return { id: old.id, gridId, record: rec, change: same ? 'unchanged' : 'update' };
}

async function planHouseholds(ctx: PlanContext, records: HouseholdRecord[]): Promise<HouseholdPlan> {
  const registered = await householdSnapshots(ctx.db);
  const byIdNumber = new Map(registered.filter((h) => h.idNumber).map((h) => [h.idNumber, h]));
  const byPlace = new Map(registered.map((h) => [placeKey(h.gridId, h.headName, h.doorNumber, h.address), h]));
  const seenIds = new Map<string, HouseholdRecord>();
  const seenPlaces = new Set<string>();
  const households: HouseholdItem[] = [];
  for (const rec of records) {
    if (rec.idNumber) {
      const first = seenIds.get(rec.idNumber);
      if (first) {
        const where = `第 ${first.row} 行（工作表 ${first.sheet}，户主“${first.headName}”）`;
        ctx.fail(rec, 'idNumber', `身份证号与${where}重复`);
        continue;
      }
      seenIds.set(rec.idNumber, rec);
    }
    const grid = ctx.gridFor(rec, 4);
    if (!grid) continue;
    const key = placeKey(grid.id, rec.headName, rec.doorNumber, rec.address);
    if (!rec.idNumber && seenPlaces.has(key)) {
      ctx.fail(rec, 'headName', `同一网格中已有户主“${rec.headName}”、住址相同的住户（重复行）`);
      continue;
    }
    seenPlaces.add(key);
    // A planned grid (negative id) has no households yet.
    const old =
      (rec.idNumber ? byIdNumber.get(rec.idNumber) : undefined) ?? (grid.id > 0 ? byPlace.get(key) : undefined);
    households.push(householdItem(rec, grid.id, old));
  }
  const plan: HouseholdPlan = {
    households,
    created: {},
    updated: {},
    unchanged: {},
    gridIds: households.map((h) => h.gridId),
    size: households.length,
  };
  tallyChanges(plan, 'households', households);
  return plan;
}

// ---- apply

function householdFields(r: HouseholdRecord, gridId: number): HouseholdFields {
  return {
    gridId,
    headName: r.headName,
    idNumber: r.idNumber,
    phone: r.phone,
    address: r.address,
    doorNumber: r.doorNumber,
    members: r.members,
    tags: r.tags,
    notes: r.notes,
  };
}

/** Households inserted per call: the rows for SQLite are built a chunk at a time, not for the whole file. */
const INSERT_CHUNK = 5000;

async function applyHouseholds(db: DbOrTrx, plan: HouseholdPlan, ctx: ApplyContext): Promise<void> {
  let chunk: HouseholdFields[] = [];
  const flush = async () => {
    await insertHouseholds(db, chunk, ctx.ts, ctx.step);
    chunk = [];
  };
  let others = 0;
  for (const h of plan.households) {
    if (h.change === 'create') {
      chunk.push(householdFields(h.record, ctx.gridId(h.gridId)));
      if (chunk.length === INSERT_CHUNK) await flush();
      continue;
    }
    others += 1;
    if (h.change === 'update' && h.id !== null) {
      await replaceHousehold(db, h.id, householdFields(h.record, ctx.gridId(h.gridId)), ctx.ts);
    }
  }
  if (chunk.length) await flush();
  await ctx.step(others);
}

export const householdsKind: ImportKind<HouseholdRecord, HouseholdPlan> = {
  name: 'households',
  noun: '住户',
  fields: HOUSEHOLD_FIELDS,
  labels: FIELD_LABELS,
  synonyms: SYNONYMS,
  person: 'headName',
  required: ['headName'],
  // A 户主姓名 column is the telling sign: a header that also fits the workers' roster is a household list.
  preference: 1,
  countKeys: ['households'],
  parseRow: parseHousehold,
  plan: planHouseholds,
  apply: applyHouseholds,
};
