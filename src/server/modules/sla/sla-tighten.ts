import { computeDue, type TDate } from '../../platform/calendar/calendar.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import { type TCaseForSla, type TDeadlineRow, type TRuleRow, updateDeadline } from './sla.repository.js';
import { effectiveRule, matchOf } from './sla.rules.js';

export interface TTightened {
  stage: string;
  /** The new due time of a running stage; absent for a stage not started yet (its new period applies later). */
  dueAt?: string;
  unit: string;
  amount: number;
}

/**
 * A case that became stricter after it opened (raised priority, a trusted flagger's report joined): each running
 * or not yet started stage whose rule for the case as it is now is stricter takes that rule, counted from `at`
 * (the moment of the change) — a running stage only when that ends earlier than its current due time, with its
 * reminders re-armed. Deadlines never get longer here. Returns what changed.
 */
export async function tightenDeadlines(
  tx: DbOrTx,
  input: {
    c: TCaseForSla;
    rows: TDeadlineRow[];
    rules: TRuleRow[];
    at: Date;
    chain: string[];
    closed: Set<TDate>;
    timeZone: string;
  },
): Promise<TTightened[]> {
  const { c, rules, at, chain, closed, timeZone } = input;
  const due = (r: Pick<TRuleRow, 'unit' | 'amount'>) =>
    computeDue({ start: at, unit: r.unit, amount: r.amount, timeZone, closed });
  const changed: TTightened[] = [];
  for (const row of input.rows) {
    if (row.status !== 'running' && row.status !== 'pending') continue;
    const rule = effectiveRule({
      rules,
      stage: row.stage,
      match: matchOf(c),
      chain,
      start: at,
      timeZone,
      closed,
    });
    if (!rule || rule.id === row.ruleId) continue;
    const dueAt = due(rule);
    const ruleFields = { ruleId: rule.id, unit: rule.unit, amount: rule.amount };
    if (row.status === 'running') {
      if (!row.dueAt || dueAt >= row.dueAt) continue;
      await updateDeadline(tx, row.id, { ...ruleFields, dueAt, resetReminders: true });
      changed.push({ stage: row.stage, dueAt: dueAt.toISOString(), unit: rule.unit, amount: rule.amount });
    } else {
      if (dueAt >= due(row)) continue;
      await updateDeadline(tx, row.id, ruleFields);
      changed.push({ stage: row.stage, unit: rule.unit, amount: rule.amount });
    }
  }
  return changed;
}
