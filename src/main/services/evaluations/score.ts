/**
 * The arithmetic of a scoring sheet, in integers (tenths of a point), kept apart from the
 * database so the rules read in one place:
 * - a criterion with a metric suggests full × min(count, target) / target; without one, full marks;
 * - a bonus or deduction item with a metric suggests min(cap, per unit × count); without one, 0;
 * - total = Σ criterion score × weight / full (the weights add up to 100, so full marks everywhere
 *   make 100), rounded once, + bonus − deductions, then held within [0, 100]: the bands are on 100
 *   and the county's forms cap the total at 100 (“总分以 100 分为限”);
 * - every rounding is half up on the exact fraction.
 */
import {
  GRADES,
  type EvalCounts,
  type Grade,
  type SchemeDefinition,
  type ScoreItemView,
} from '../../../shared/evaluations';

/** a / b rounded half up, for a ≥ 0 and b > 0 (exact in integers). */
export function roundDiv(a: bigint, b: bigint): bigint {
  return (2n * a + b) / (2n * b);
}

export type ItemKind = ScoreItemView['kind'];

export interface ItemDef {
  key: string;
  name: string;
  kind: ItemKind;
  /** Criteria: full marks; bonus/deductions: the cap. */
  maxX10: number;
  suggest(counts: EvalCounts): number;
}

/** Every item of the definition in sheet order: criteria, bonus, deductions. */
export function itemsOf(def: SchemeDefinition): ItemDef[] {
  const criteria = def.criteria.map((c): ItemDef => ({
    key: c.key,
    name: c.name,
    kind: 'criterion',
    maxX10: c.fullX10,
    suggest: (counts) => {
      if (c.metric === null || c.target === null) return c.fullX10;
      const n = Math.min(counts[c.metric], c.target);
      return Number(roundDiv(BigInt(c.fullX10) * BigInt(n), BigInt(c.target)));
    },
  }));
  const adjust = (kind: ItemKind) => (a: SchemeDefinition['bonus'][number]) =>
    ({
      key: a.key,
      name: a.name,
      kind,
      maxX10: a.capX10,
      suggest: (counts: EvalCounts) => (a.metric === null ? 0 : Math.min(a.capX10, a.perUnitX10 * counts[a.metric])),
    }) satisfies ItemDef;
  return [...criteria, ...def.bonus.map(adjust('bonus')), ...def.deductions.map(adjust('deduction'))];
}

/** The line's total in tenths from its scores by item key. */
export function totalOf(def: SchemeDefinition, scores: ReadonlyMap<string, number>): number {
  // Σ score × weight / full over a common denominator, so the criteria part is rounded once.
  let num = 0n;
  let den = 1n;
  for (const c of def.criteria) {
    const full = BigInt(c.fullX10);
    num = num * full + BigInt(scores.get(c.key) ?? 0) * BigInt(c.weight) * 10n * den;
    den *= full;
  }
  const criteria = Number(roundDiv(num, den));
  const bonus = def.bonus.reduce((a, b) => a + (scores.get(b.key) ?? 0), 0);
  const deductions = def.deductions.reduce((a, d) => a + (scores.get(d.key) ?? 0), 0);
  return Math.min(1000, Math.max(0, criteria + bonus - deductions));
}

/** The band the total falls in (bands run 优秀 → 不合格 with falling lines, 不合格 at 0). */
export function gradeOf(def: SchemeDefinition, totalX10: number): Grade {
  for (const band of def.grades) if (totalX10 >= band.minX10) return band.grade;
  return GRADES[GRADES.length - 1]!;
}
