import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import type { TPriority } from '../categories/category.tables.js';
import type { TActor } from '../org/access.policy.js';
import type { DepartmentService } from '../org/department.service.js';
import type { TRule } from './triage.engine.js';
import {
  deleteRule,
  findRule,
  listPhoneAreas,
  listRuleRows,
  listRules,
  routingOverrides,
  seedRules,
  triageOfCase,
  triageStatementPart,
  upsertRule,
} from './triage.repository.js';
import { PRIORITIES, type TRuleView } from './triage.schemas.js';
import { PHONE_AREA_SEED, RULE_SEED } from './triage.seed.js';

const CACHE_MS = 15_000;

export interface TRouting {
  department: Awaited<ReturnType<DepartmentService['route']>>;
  /** What the region came from: the reporter's choice, a phone's area code, a target's known location, none. */
  basis: 'reporter_region' | 'phone_area' | 'target_location' | 'none';
}

/** Triage: the editable rules (intake's text analysis reads them), the suggestions recorded, and routing. */
const RULE_FIELDS = [
  'kind',
  'target',
  'allOf',
  'noneOf',
  'weight',
  'reasonZh',
  'reasonEn',
  'enabled',
] as const;

/**
 * Field problems of a rule the schema accepted: a priority rule names a priority and gives both reasons (staff
 * see them when it fires); a category rule names an active category and may leave the reasons empty.
 */
export function ruleProblems(rule: TRule, categoryCodes: readonly string[]): FieldError[] {
  const out: FieldError[] = [];
  if (rule.kind === 'priority') {
    if (!(PRIORITIES as readonly string[]).includes(rule.target))
      out.push({ path: 'target', message: 'field.invalid_option' });
    for (const field of ['reasonZh', 'reasonEn'] as const)
      if (!rule[field].trim()) out.push({ path: field, message: 'field.rule_reason_required' });
  } else if (!categoryCodes.includes(rule.target)) {
    out.push({ path: 'target', message: 'field.category_unknown' });
  }
  return out;
}

export function createTriageService(deps: {
  db: Db;
  departments: DepartmentService;
  /** Display names of staff accounts by id (who last saved a rule). */
  displayNames(ids: string[]): Promise<Record<string, string>>;
  /** Codes of the active categories (a category rule must name one). */
  categoryCodes(): Promise<string[]>;
}) {
  const { db } = deps;
  let cached: { at: number; data: Promise<{ rules: TRule[]; areas: Map<string, string> }> } | undefined;

  async function load() {
    let rules = await listRules(db);
    if (rules.length === 0) {
      await seedRules(db, RULE_SEED, PHONE_AREA_SEED);
      rules = await listRules(db);
    }
    return { rules, areas: await listPhoneAreas(db) };
  }

  function data() {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const d = load();
      cached = { at: Date.now(), data: d };
      d.catch(() => {
        cached = undefined;
      });
    }
    return cached.data;
  }

  /** The region of the first landline (E.164 +86 + area code) among the targets. */
  function regionOfPhones(phones: string[], areas: Map<string, string>): string | undefined {
    for (const p of phones) {
      const national = p.replace(/^\+86/, '');
      if (/^1\d{10}$/.test(national) || /^[48]00/.test(national)) continue;
      for (const len of [2, 3]) {
        const region = areas.get(national.slice(0, len));
        if (region) return region;
      }
    }
    return undefined;
  }

  return {
    rules: async () => (await data()).rules,
    /** The suggestions recorded for a case's reports (category, priority, reasons, related cases). */
    ofCase: (caseId: string) => triageOfCase(db, caseId),
    /** Routing accuracy: how many routed cases staff moved elsewhere. */
    routingOverrides: () => routingOverrides(db),
    /** Every rule with when and by whom it was last saved. */
    async ruleViews(): Promise<TRuleView[]> {
      await data();
      const rows = await listRuleRows(db);
      const ids = [...new Set(rows.flatMap((r) => (r.updatedById ? [r.updatedById] : [])))];
      const names = ids.length > 0 ? await deps.displayNames(ids) : {};
      return rows.map(({ updatedById, updatedAt, ...rule }) => ({
        ...rule,
        updatedAt: new Date(updatedAt), // text from `execute`
        updatedBy: updatedById ? { id: updatedById, displayName: names[updatedById] ?? '' } : null,
      }));
    },

    /** Adds or changes one rule (400 naming the fields), audited with what changed (never cues' context). */
    async saveRule(actor: TActor, rule: TRule): Promise<void> {
      const problems = ruleProblems(rule, await deps.categoryCodes());
      if (problems.length > 0) throw new AppError('validation_failed', 400, {}, problems);
      await db.transaction(async (tx) => {
        const before = await findRule(tx, rule.id, true);
        await upsertRule(tx, rule, actor.id);
        const changed = before
          ? RULE_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(rule[f]))
          : undefined;
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: before ? 'triage.rule_changed' : 'triage.rule_added',
          subjectType: 'triage_rule',
          subjectId: rule.id,
          payload: {
            kind: rule.kind,
            target: rule.target,
            enabled: rule.enabled,
            cues: rule.allOf.flat().length,
            ...(changed ? { changed } : {}),
          },
        });
      });
      cached = undefined;
    },

    /** Deletes one rule (404 when there is none), audited. */
    async deleteRule(actor: TActor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await findRule(tx, id, true);
        if (!before) throw new AppError('triage_rule_not_found', 404);
        await deleteRule(tx, id);
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'triage.rule_deleted',
          subjectType: 'triage_rule',
          subjectId: id,
          payload: { kind: before.kind, target: before.target, enabled: before.enabled },
        });
      });
      cached = undefined;
    },

    /**
     * The competent department: region from the reporter's choice, else a landline's area code, else a target's
     * known location; then the most specific competent department up the tree (department.route).
     */
    async route(
      regionCode: string | undefined,
      phones: string[],
      targetRegion: string | undefined,
      category: string,
    ): Promise<TRouting> {
      const areas = (await data()).areas;
      const phoneRegion = regionCode ? undefined : regionOfPhones(phones, areas);
      const region = regionCode ?? phoneRegion ?? targetRegion;
      const basis = regionCode
        ? 'reporter_region'
        : phoneRegion
          ? 'phone_area'
          : targetRegion
            ? 'target_location'
            : 'none';
      return { department: await deps.departments.route(region, category), basis };
    },

    /** The intake statement's part for these rows: triage rows, priority raises, urgent-report jobs. */
    statementPart: triageStatementPart,
  };
}

export type TriageService = ReturnType<typeof createTriageService>;
export type { TReportTriageView, TTriageRow } from './triage.repository.js';
export type { TPriority };
