import { computeDue, type TDate } from '../../platform/calendar/calendar.js';
import type { TCaseForSla, TRuleRow } from './sla.repository.js';
import type { TSlaStage } from './sla.tables.js';

export interface TRuleMatch {
  categoryCode: string;
  priority: string;
  channel: string | null;
  trustedFlagger: boolean;
}

function matches(rule: TRuleRow, m: TRuleMatch): boolean {
  return (
    (rule.categoryCode === null || rule.categoryCode === m.categoryCode) &&
    (rule.priority === null || rule.priority === m.priority) &&
    (rule.channel === null || rule.channel === m.channel) &&
    (!rule.trustedFlagger || m.trustedFlagger)
  );
}

/**
 * The rule that applies to a stage of a case in a department, walking the tree from the national defaults
 * (department NULL) down to the department: at each level the strictest matching rule (earliest deadline
 * from `start`) is taken; a lower level replaces the inherited rule when it is stricter, or when the inherited
 * rule allows departments below to set a longer period.
 */
export function effectiveRule(input: {
  rules: TRuleRow[];
  stage: TSlaStage;
  match: TRuleMatch;
  /** Department ids from the root down to the case's department. */
  chain: string[];
  start: Date;
  timeZone: string;
  closed: ReadonlySet<TDate>;
}): TRuleRow | undefined {
  const due = (r: TRuleRow) =>
    computeDue({
      start: input.start,
      unit: r.unit,
      amount: r.amount,
      timeZone: input.timeZone,
      closed: input.closed,
    }).getTime();
  let current: TRuleRow | undefined;
  for (const level of [null, ...input.chain]) {
    const candidates = input.rules.filter(
      (r) => r.stage === input.stage && r.departmentId === level && matches(r, input.match),
    );
    if (candidates.length === 0) continue;
    const best = candidates.reduce((a, b) => (due(b) < due(a) ? b : a));
    if (!current || current.allowLonger || due(best) < due(current)) current = best;
  }
  return current;
}

export function matchOf(c: TCaseForSla): TRuleMatch {
  return {
    categoryCode: c.categoryCode,
    priority: c.priority,
    channel: c.channel,
    trustedFlagger: c.trustedFlagger,
  };
}
