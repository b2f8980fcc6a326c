import { recordAudit } from '../../platform/audit/audit.js';
import { computeDue, isDate, type TSlaUnit } from '../../platform/calendar/calendar.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import { inScope, type TActor } from '../org/access.policy.js';
import type { DepartmentService } from '../org/department.service.js';
import { insertClosure, listActiveRules, listClosures, replaceRule } from './sla.repository.js';
import { effectiveRule } from './sla.rules.js';
import type { SlaService } from './sla.service.js';
import type { TSlaStage } from './sla.tables.js';

export interface TRuleInput {
  /** Omitted: the national defaults (only for staff of the root department). */
  departmentCode?: string | undefined;
  stage: TSlaStage;
  categoryCode?: string | undefined;
  priority?: string | undefined;
  channel?: string | undefined;
  /** Only for cases opened by a trusted flagger's report. */
  trustedFlagger?: boolean | undefined;
  unit: TSlaUnit;
  amount: number;
  allowLonger: boolean;
  extensionsAllowed: number;
  extensionMaxDays: number;
  source: string;
}

/** Managing deadline rules and closed days (permission `sla.manage`, within the actor's subtree). */
export function createSlaAdmin(deps: { db: Db; departments: DepartmentService; sla: SlaService }) {
  const { db } = deps;

  async function departmentFor(actor: TActor, code: string | undefined) {
    if (code === undefined) {
      if (actor.departmentPath.includes('.')) throw new AppError('forbidden', 403);
      return undefined;
    }
    const d = (await deps.departments.all()).find((x) => x.code === code);
    if (!d || !inScope(actor, d.path)) throw new AppError('department_not_found', 400);
    return d;
  }

  return {
    /** Active rules of the national defaults and the department's chain (or all, for the root's staff). */
    async rules(actor: TActor, departmentCode?: string) {
      const tree = await deps.departments.all();
      const target = departmentCode ? await departmentFor(actor, departmentCode) : undefined;
      const chain = target ? tree.filter((d) => inScope({ departmentPath: d.path }, target.path)) : tree;
      const ids = new Set(chain.map((d) => d.id));
      const byId = new Map(tree.map((d) => [d.id, d.code]));
      return (await listActiveRules(db))
        .filter((r) => r.departmentId === null || ids.has(r.departmentId))
        .map((r) => ({ ...r, departmentCode: r.departmentId ? (byId.get(r.departmentId) ?? null) : null }));
    },

    /**
     * Sets a rule (retiring the one it replaces). A department may shorten what it inherits, never lengthen it
     * unless the inherited rule allows. Cases already open keep the rule they were opened with.
     */
    async setRule(actor: TActor, input: TRuleInput) {
      const department = await departmentFor(actor, input.departmentCode);
      const rules = await listActiveRules(db);
      if (department) {
        const cal = await deps.sla.calendarOf(department.id);
        const start = new Date();
        const inherited = effectiveRule({
          rules,
          stage: input.stage,
          match: {
            categoryCode: input.categoryCode ?? '',
            priority: input.priority ?? '',
            channel: input.channel ?? null,
            trustedFlagger: input.trustedFlagger ?? false,
          },
          chain: cal.chain.filter((id) => id !== department.id),
          start,
          timeZone: cal.timeZone,
          closed: cal.closed,
        });
        const due = (unit: TSlaUnit, amount: number) =>
          computeDue({ start, unit, amount, timeZone: cal.timeZone, closed: cal.closed }).getTime();
        if (
          inherited &&
          !inherited.allowLonger &&
          due(input.unit, input.amount) > due(inherited.unit, inherited.amount)
        ) {
          throw new AppError('sla_rule_longer_than_inherited', 409);
        }
      }
      return db.transaction(async (tx) => {
        const saved = await replaceRule(
          tx,
          {
            departmentId: department?.id ?? null,
            stage: input.stage,
            categoryCode: input.categoryCode ?? null,
            priority: input.priority ?? null,
            channel: input.channel ?? null,
            trustedFlagger: input.trustedFlagger ?? false,
            unit: input.unit,
            amount: input.amount,
            allowLonger: input.allowLonger,
            extensionsAllowed: input.extensionsAllowed,
            extensionMaxDays: input.extensionMaxDays,
            source: input.source,
          },
          actor.id,
        );
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'sla.rule_set',
          subjectType: 'sla_rule',
          subjectId: saved.id,
          payload: { ...input, retired: saved.retiredId },
        });
        return saved;
      });
    },

    async closures(actor: TActor, departmentCode: string) {
      const d = await departmentFor(actor, departmentCode);
      return d ? listClosures(db, [d.id]) : [];
    },

    async addClosure(actor: TActor, input: { departmentCode: string; day: string; reason: string }) {
      const d = await departmentFor(actor, input.departmentCode);
      if (!d || !isDate(input.day)) throw new AppError('validation_failed', 400);
      return db.transaction(async (tx) => {
        const added = await insertClosure(tx, {
          departmentId: d.id,
          day: input.day,
          reason: input.reason,
          createdBy: actor.id,
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'sla.closure_added',
          subjectType: 'department',
          subjectId: d.id,
          reason: input.reason,
          payload: { day: input.day },
        });
        return added;
      });
    },
  };
}

export type SlaAdmin = ReturnType<typeof createSlaAdmin>;
