/**
 * 补贴标准: each rule applies from its valid_from until the next rule of the same mechanism;
 * before any rule, the default (DEFAULT_RULES). Rules are read once per computation and looked up
 * by date in memory.
 */
import { z } from 'zod';
import { formatYuan } from '../../../shared/money';
import {
  DEFAULT_RULES,
  RULE_KINDS,
  RULE_LABELS,
  RULE_SCHEMAS,
  type RuleConfig,
  type RuleKind,
  type RuleView,
  type ruleSaveSchema,
} from '../../../shared/subsidies';
import type { DbOrTrx } from '../../db/schema';
import type { AuditRecorder } from '../audit/audit';
import { AppError } from '../../errors';

interface StoredRule {
  id: number;
  validFrom: string;
  config: unknown;
  notes: string;
}

/** The rules in force on any date, per mechanism. */
export class RuleBook {
  constructor(private readonly rules: Map<RuleKind, StoredRule[]>) {}

  /** The rule of `kind` in force on `date` (a rule set on that very day applies). */
  on<K extends RuleKind>(kind: K, date: string): RuleConfig<K> {
    const list = this.rules.get(kind) ?? [];
    let found: StoredRule | null = null;
    for (const r of list) if (r.validFrom <= date) found = r;
    return (found ? found.config : DEFAULT_RULES[kind]) as RuleConfig<K>;
  }
}

async function storedRules(db: DbOrTrx): Promise<Map<RuleKind, StoredRule[]>> {
  const rows = await db.selectFrom('subsidy_rules').selectAll().orderBy('mechanism').orderBy('valid_from').execute();
  const map = new Map<RuleKind, StoredRule[]>();
  for (const r of rows) {
    const kind = r.mechanism as RuleKind;
    const parsed = RULE_SCHEMAS[kind]?.safeParse(JSON.parse(r.config));
    // A rule that no longer validates would pay wrong amounts: refuse rather than guess.
    if (!parsed?.success)
      throw new AppError('CONFLICT', `补贴标准（${r.mechanism}，${r.valid_from} 起）已损坏，请重新设置`);
    map.set(kind, [
      ...(map.get(kind) ?? []),
      { id: r.id, validFrom: r.valid_from, config: parsed.data, notes: r.notes },
    ]);
  }
  return map;
}

export async function loadRules(db: DbOrTrx): Promise<RuleBook> {
  return new RuleBook(await storedRules(db));
}

/** Every rule set, oldest first per mechanism; a mechanism never set shows its default. */
export async function listRules(db: DbOrTrx): Promise<RuleView[]> {
  const stored = await storedRules(db);
  const out: RuleView[] = [];
  for (const kind of RULE_KINDS) {
    const list = stored.get(kind) ?? [];
    if (list.length === 0)
      out.push({ id: null, mechanism: kind, validFrom: null, config: DEFAULT_RULES[kind], notes: '' });
    for (const r of list)
      out.push({ id: r.id, mechanism: kind, validFrom: r.validFrom, config: r.config, notes: r.notes });
  }
  return out;
}

/** 简单 100.00 元、一般 200.00 元… : how a rule reads in the 操作日志. */
export function describeRule(kind: RuleKind, config: unknown): string {
  if (kind === 'case') {
    const c = config as RuleConfig<'case'>;
    return Object.entries(c.rates)
      .map(([tier, fen]) => `${tier} ${formatYuan(fen)} 元/件`)
      .join('、');
  }
  if (kind === 'info') return `${formatYuan((config as RuleConfig<'info'>).rateFen)} 元/条`;
  if (kind === 'welfare') return `${formatYuan((config as RuleConfig<'welfare'>).monthlyFen)} 元/月`;
  const c = config as RuleConfig<'coefficient'>;
  if (!c.enabled) return '不启用';
  return Object.entries(c.percent)
    .map(([grade, pct]) => `${grade} ${pct}%`)
    .join('、');
}

/** Sets the rule of a mechanism from a date; a rule already set on that date is replaced. */
export async function saveRule(
  db: DbOrTrx,
  input: z.output<typeof ruleSaveSchema>,
  audit: AuditRecorder,
  now = new Date().toISOString(),
): Promise<RuleView> {
  const existing = await db
    .selectFrom('subsidy_rules')
    .select(['id', 'config'])
    .where('mechanism', '=', input.mechanism)
    .where('valid_from', '=', input.validFrom)
    .executeTakeFirst();
  const config = JSON.stringify(input.config);
  let id: number;
  if (existing) {
    await db
      .updateTable('subsidy_rules')
      .set({ config, notes: input.notes, updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    id = existing.id;
  } else {
    const r = await db
      .insertInto('subsidy_rules')
      .values({
        mechanism: input.mechanism,
        valid_from: input.validFrom,
        config,
        notes: input.notes,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = r.id;
  }
  const before = existing ? `${describeRule(input.mechanism, JSON.parse(existing.config))} → ` : '';
  audit.record({
    entity: '补贴标准',
    entityId: id,
    summary: `${RULE_LABELS[input.mechanism]}自 ${input.validFrom} 起：${before}${describeRule(input.mechanism, input.config)}`,
  });
  return { id, mechanism: input.mechanism, validFrom: input.validFrom, config: input.config, notes: input.notes };
}

export async function deleteRule(db: DbOrTrx, id: number, audit: AuditRecorder): Promise<{ deleted: number }> {
  const row = await db.selectFrom('subsidy_rules').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '该补贴标准不存在或已被删除');
  await db.deleteFrom('subsidy_rules').where('id', '=', id).execute();
  const kind = row.mechanism as RuleKind;
  audit.record({
    entity: '补贴标准',
    entityId: id,
    summary: `删除${RULE_LABELS[kind]}自 ${row.valid_from} 起的标准（${describeRule(kind, JSON.parse(row.config))}）`,
  });
  return { deleted: 1 };
}
