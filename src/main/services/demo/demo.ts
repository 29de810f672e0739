import type { GridNode } from '../../../shared/grids';
import { AppError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import type { DbOrTrx } from '../../db/schema';
import { getSettings } from '../settings/settings';
import { addDemoRecords } from './records';
import { getGrid, suggestCode } from '../grids/grids';
import { insertGrid, insertGrids, type NewGrid } from '../grids/rows';
import { insertHouseholds } from '../households/rows';
import { insertAssignments, insertWorkers } from '../workers/rows';
import { idCheckChar } from '../../../shared/idcard';
import { HOUSEHOLD_TAGS, WORKER_TAGS } from '../../../shared/people';
import {
  COMMUNITY_NAMES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  SURNAMES,
  TOWNSHIP_NAMES,
  VILLAGE_NAMES,
  chineseNumber,
  seededRandom,
} from './names';
import { addDemoScheme } from '../evaluations/demo';

/** A fictional county's 6-digit division code; townships and villages extend it. */
const COUNTY_DIVISION = '612345';

export interface DemoOptions {
  /** How many townships to add (1 for a township office, 15 for a county). */
  townships?: number;
  seed?: number;
  /** Also create grid workers and households (default true). */
  people?: boolean;
  /** Also add this year's records up to today, with the people (default true). */
  records?: boolean;
  /** "Today" for the records (tests pin it); default the clerks' today. */
  today?: string;
}

export interface DemoResult {
  township: GridNode;
  townships: number;
  grids: number;
}

/**
 * Adds realistic demo townships: 10–20 villages (a few of them communities), 3–9 villager
 * groups each and 2–6 household grids per group, with codes under the configured scheme and
 * 12-digit division codes. Each run adds the next unused township name.
 */
export async function createDemo(db: DbOrTrx, options: DemoOptions = {}): Promise<DemoResult> {
  const count = options.townships ?? 1;
  return inTransaction(db, async (trx) => {
    const scheme = (await getSettings(trx)).codeScheme;
    const existing = new Set(
      (await trx.selectFrom('grids').select('name').where('level', '=', 1).execute()).map((r) => r.name),
    );
    const free = TOWNSHIP_NAMES.filter((n) => !existing.has(n));
    if (free.length < count) {
      throw new AppError('CONFLICT', `演示乡镇已全部创建（共 ${TOWNSHIP_NAMES.length} 个），不能再添加。`);
    }
    let first: number | null = null;
    let total = 0;
    const usedIds = new Set((await trx.selectFrom('workers').select('id_number').execute()).map((r) => r.id_number));
    for (const r of await trx
      .selectFrom('households')
      .select('id_number')
      .where('id_number', 'is not', null)
      .execute()) {
      usedIds.add(r.id_number!);
    }
    for (let t = 0; t < count; t++) {
      const rand = seededRandom((options.seed ?? 20261127) + existing.size + t);
      const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
      const code = await suggestCode(trx, null);
      if (code === null) throw new AppError('CONFLICT', '一级网格编码已用完，无法添加演示乡镇。');
      const ts = new Date().toISOString();
      const townshipIndex = TOWNSHIP_NAMES.indexOf(free[t]!);
      const townDivision = `${COUNTY_DIVISION}${String(100 + townshipIndex + 1).padStart(3, '0')}`;
      const township = await insertGrid(
        trx,
        { parentId: null, level: 1, name: free[t]!, code, kind: null, divisionCode: `${townDivision}000` },
        ts,
      );
      first ??= township;
      total += 1;

      const people = new PeopleMaker(seededRandom((options.seed ?? 20261127) * 7 + existing.size + t), usedIds, ts);
      people.worker(township, '网格员', '镇党委书记', 1);
      people.worker(township, '网格员', '分管政法领导', 1);

      const villageCount = between(10, 20);
      const communityCount = between(1, 2);
      const villageNames = shuffle(VILLAGE_NAMES, rand).slice(0, villageCount - communityCount);
      const communities = shuffle(COMMUNITY_NAMES, rand).slice(0, communityCount);
      const villages = [
        ...communities.map((n) => ({ name: `${n}社区`, kind: '社区' })),
        ...villageNames.map((n) => ({ name: `${n}村`, kind: '村' })),
      ];
      for (const [vi, v] of villages.entries()) {
        const vCode = code + pad(vi + 1, scheme.digits[1]!);
        // Statistical codes: 0xx for residents' committees (社区), 2xx for villagers' committees.
        const vDivision = `${townDivision}${v.kind === '社区' ? pad(vi + 1, 3) : String(200 + vi + 1)}`;
        const villageId = await insertGrid(
          trx,
          { parentId: township, level: 2, name: v.name, code: vCode, kind: v.kind, divisionCode: vDivision },
          ts,
        );
        total += 1;
        people.worker(villageId, '网格员', `${v.kind === '社区' ? '社区' : '村'}党组织书记`, 2);
        const groupCount = between(3, 8);
        for (let g = 1; g <= groupCount; g++) {
          const gName = `${chineseNumber(g)}组`;
          const gCode = vCode + pad(g, scheme.digits[2]!);
          const groupId = await insertGrid(
            trx,
            { parentId: villageId, level: 3, name: gName, code: gCode, kind: null, divisionCode: null },
            ts,
          );
          const rows: NewGrid[] = [];
          const hhCount = between(2, 6);
          for (let h = 1; h <= hhCount; h++) {
            rows.push({
              parentId: groupId,
              level: 4,
              name: `${gName}第${h}网格`,
              code: gCode + pad(h, scheme.digits[3]!),
              kind: null,
              divisionCode: null,
            });
          }
          const hhIds = await insertGrids(trx, rows, ts);
          total += 1 + rows.length;
          const leader = people.worker(groupId, '网格长', '村民小组组长', 3);
          hhIds.forEach((hhId, h) => {
            // Half the group leaders also serve their group's first household grid; a few grids wait for a worker.
            const pr = people.rand;
            if (h === 0 && pr() < 0.5) people.assign(leader, hhId, '网格员', '村民代表');
            else if (pr() > 0.02) people.worker(hhId, '网格员', '村民代表', 4);
            const r = pr();
            const span = (lo: number, hi: number) => lo + Math.floor(pr() * (hi - lo + 1));
            const count = r < 0.04 ? span(11, 14) : r < 0.08 ? span(21, 23) : span(15, 20);
            for (let k = 1; k <= count; k++) people.household(hhId, `${v.name}${gName}${(h * 20 + k).toString()}号`);
          });
        }
      }
      if (options.people !== false) {
        await people.flush(trx);
        // Its own random stream: the people stay exactly as they were before records existed.
        const rand = seededRandom((options.seed ?? 20261127) * 13 + existing.size + t);
        if (options.records !== false) await addDemoRecords(trx, township, rand, ts, options.today);
      }
    }
    if (options.records !== false) await addDemoScheme(trx);
    return { township: await getGrid(trx, first!), townships: count, grids: total };
  });
}

/** Makes believable people: valid ID numbers (unique), phones, tags; buffered for bulk inserts. */
class PeopleMaker {
  private workers: {
    key: number;
    name: string;
    gender: '男' | '女';
    id: string;
    phone: string;
    political: string;
    tags: string[];
  }[] = [];
  private assignments: { worker: number; grid: number; role: string; title: string; start: string }[] = [];
  private households: {
    grid: number;
    name: string;
    id: string | null;
    phone: string;
    address: string;
    door: string;
    members: number;
    tags: string[];
  }[] = [];

  constructor(
    readonly rand: () => number,
    private readonly usedIds: Set<string>,
    private readonly ts: string,
  ) {}

  private pick(s: string): string {
    return s[Math.floor(this.rand() * s.length)]!;
  }

  private person(minAge: number, maxAge: number): { name: string; gender: '男' | '女'; id: string } {
    const gender = this.rand() < 0.62 ? '男' : '女';
    const given = gender === '男' ? GIVEN_MALE : GIVEN_FEMALE;
    const name = this.pick(SURNAMES) + this.pick(given) + (this.rand() < 0.6 ? this.pick(given) : '');
    for (;;) {
      const year = 2026 - minAge - Math.floor(this.rand() * (maxAge - minAge));
      const month = 1 + Math.floor(this.rand() * 12);
      const day = 1 + Math.floor(this.rand() * 28);
      const seq = String(Math.floor(this.rand() * 100)).padStart(2, '0');
      const odd = 1 + 2 * Math.floor(this.rand() * 5);
      const g = gender === '男' ? odd : odd - 1;
      const base = `${COUNTY_DIVISION}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${seq}${g}`;
      const id = base + idCheckChar(base);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return { name, gender, id };
      }
    }
  }

  private phone(): string {
    const prefixes = ['133', '135', '138', '139', '150', '151', '152', '158', '177', '180', '183', '187', '189', '199'];
    return (
      prefixes[Math.floor(this.rand() * prefixes.length)]! + String(Math.floor(this.rand() * 1e8)).padStart(8, '0')
    );
  }

  worker(gridId: number, role: string, title: string, level: number): number {
    const p = this.person(level <= 2 ? 35 : 30, level <= 2 ? 58 : 72);
    const tags: string[] = [];
    if (level >= 3) {
      for (const t of WORKER_TAGS) if (this.rand() < 0.12) tags.push(t);
    }
    const political =
      level <= 2 ? '中共党员' : this.rand() < 0.45 ? '中共党员' : this.rand() < 0.1 ? '共青团员' : '群众';
    const key = this.workers.length;
    this.workers.push({ key, ...p, phone: this.phone(), political, tags });
    this.assign(key, gridId, role, title);
    return key;
  }

  assign(worker: number, gridId: number, role: string, title: string): void {
    this.assignments.push({ worker, grid: gridId, role, title, start: '2021-03-01' });
  }

  household(gridId: number, address: string): void {
    const p = this.person(25, 85);
    const tags = HOUSEHOLD_TAGS.filter(() => this.rand() < 0.03);
    this.households.push({
      grid: gridId,
      name: p.name,
      id: this.rand() < 0.8 ? p.id : null,
      phone: this.rand() < 0.85 ? this.phone() : '',
      address,
      door: address.replace(/^.*?(\d+)号$/, '$1'),
      members: 1 + Math.floor(this.rand() * 6),
      tags,
    });
  }

  async flush(db: DbOrTrx): Promise<void> {
    const workerIds = await insertWorkers(
      db,
      this.workers.map((w) => ({
        name: w.name,
        gender: w.gender,
        idNumber: w.id,
        phone: w.phone,
        politicalStatus: w.political,
        education: '',
        tags: w.tags,
        status: '在岗',
        notes: '',
      })),
      this.ts,
    );
    await insertAssignments(
      db,
      this.assignments.map((a) => ({
        workerId: workerIds[a.worker]!,
        gridId: a.grid,
        role: a.role,
        title: a.title,
        startDate: a.start,
      })),
      this.ts,
    );
    await insertHouseholds(
      db,
      this.households.map((h) => ({
        gridId: h.grid,
        headName: h.name,
        idNumber: h.id ?? '',
        phone: h.phone,
        address: h.address,
        doorNumber: h.door,
        members: h.members,
        tags: h.tags,
        notes: '',
      })),
      this.ts,
    );
    this.workers = [];
    this.assignments = [];
    this.households = [];
  }
}

function pad(n: number, digits: number): string {
  return String(n).padStart(digits, '0');
}

function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
