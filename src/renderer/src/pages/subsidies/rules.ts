import { GRADES } from '@shared/evaluations';
import { DIFFICULTIES } from '@shared/records';
import { DEFAULT_RULES, RULE_KINDS, type RuleConfig, type RuleKind, type RuleView } from '@shared/subsidies';
import { yuan } from './model';

/** What a rule pays, in a line: 简单 100.00 元，一般 200.00 元，重大 300.00 元 / 件. */
export function describeRule(kind: RuleKind, config: unknown): string {
  switch (kind) {
    case 'case': {
      const c = config as RuleConfig<'case'>;
      return `${DIFFICULTIES.map((d) => `${d} ${yuan(c.rates[d])}`).join('，')} / 件`;
    }
    case 'info':
      return `${yuan((config as RuleConfig<'info'>).rateFen)} / 条重要信息`;
    case 'welfare':
      return `${yuan((config as RuleConfig<'welfare'>).monthlyFen)} / 月`;
    case 'coefficient': {
      const c = config as RuleConfig<'coefficient'>;
      const rates = GRADES.map((g) => `${g} ${c.percent[g]}%`).join('，');
      return c.enabled ? `启用：${rates}` : `未启用（${rates}）`;
    }
  }
}

export interface RuleGroup {
  kind: RuleKind;
  /** The rule paying today: the latest set from a date not after today, else the default. */
  current: RuleView;
  /** The rules the clerk set, newest first. */
  history: RuleView[];
}

function defaultView(kind: RuleKind): RuleView {
  return { id: null, mechanism: kind, validFrom: null, config: DEFAULT_RULES[kind], notes: '' };
}

export function groupRules(rules: readonly RuleView[], today: string): RuleGroup[] {
  return RULE_KINDS.map((kind) => {
    const set = rules
      .filter((r) => r.mechanism === kind && r.id !== null)
      .sort((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''));
    const current = set.find((r) => (r.validFrom ?? '') <= today) ?? defaultView(kind);
    return { kind, current, history: set };
  });
}
