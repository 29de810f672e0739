import type { GridNode } from '../../../shared/grids';
import { AppError } from '../../errors';
import { inTransaction } from '../../db/transaction';
import type { DbOrTrx, NewGridRow } from '../../db/schema';
import { getSettings } from '../settings/settings';
import { getGrid, suggestCode } from '../grids/grids';
import { COMMUNITY_NAMES, TOWNSHIP_NAMES, VILLAGE_NAMES, chineseNumber, seededRandom } from './names';

/** A fictional county's 6-digit division code; townships and villages extend it. */
const COUNTY_DIVISION = '612345';

export interface DemoOptions {
  /** How many townships to add (1 for a township office, 15 for a county). */
  townships?: number;
  seed?: number;
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
    for (let t = 0; t < count; t++) {
      const rand = seededRandom((options.seed ?? 20261127) + existing.size + t);
      const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
      const code = await suggestCode(trx, null);
      if (code === null) throw new AppError('CONFLICT', '一级网格编码已用完，无法添加演示乡镇。');
      const ts = new Date().toISOString();
      const townshipIndex = TOWNSHIP_NAMES.indexOf(free[t]!);
      const townDivision = `${COUNTY_DIVISION}${String(100 + townshipIndex + 1).padStart(3, '0')}`;
      const township = await insertOne(trx, {
        parent_id: null,
        level: 1,
        name: free[t]!,
        code,
        kind: null,
        division_code: `${townDivision}000`,
        created_at: ts,
        updated_at: ts,
      });
      first ??= township;
      total += 1;

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
        const villageId = await insertOne(trx, {
          parent_id: township,
          level: 2,
          name: v.name,
          code: vCode,
          kind: v.kind,
          division_code: vDivision,
          created_at: ts,
          updated_at: ts,
        });
        total += 1;
        const groupCount = between(3, 9);
        for (let g = 1; g <= groupCount; g++) {
          const gName = `${chineseNumber(g)}组`;
          const gCode = vCode + pad(g, scheme.digits[2]!);
          const groupId = await insertOne(trx, {
            parent_id: villageId,
            level: 3,
            name: gName,
            code: gCode,
            kind: null,
            division_code: null,
            created_at: ts,
            updated_at: ts,
          });
          const rows: NewGridRow[] = [];
          const hhCount = between(2, 6);
          for (let h = 1; h <= hhCount; h++) {
            rows.push({
              parent_id: groupId,
              level: 4,
              name: `${gName}第${h}网格`,
              code: gCode + pad(h, scheme.digits[3]!),
              kind: null,
              division_code: null,
              created_at: ts,
              updated_at: ts,
            });
          }
          await trx.insertInto('grids').values(rows).execute();
          total += 1 + rows.length;
        }
      }
    }
    return { township: await getGrid(trx, first!), townships: count, grids: total };
  });
}

async function insertOne(db: DbOrTrx, row: NewGridRow): Promise<number> {
  const { id } = await db.insertInto('grids').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
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
