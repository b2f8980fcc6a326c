import type { Db } from '../../platform/db/pool.js';
import type { TPriority } from '../categories/category.tables.js';
import type { DepartmentService } from '../org/department.service.js';
import { suggest, type TRule, type TSuggestion } from './triage.engine.js';
import {
  listPhoneAreas,
  listRules,
  routingOverrides,
  seedRules,
  triageOfCase,
  triageStatementPart,
  upsertRule,
} from './triage.repository.js';
import { PHONE_AREA_SEED, RULE_SEED } from './triage.seed.js';

const CACHE_MS = 15_000;

export interface TRouting {
  department: Awaited<ReturnType<DepartmentService['route']>>;
  /** What the region came from: the reporter's choice, a phone's area code, a target's known location, none. */
  basis: 'reporter_region' | 'phone_area' | 'target_location' | 'none';
}

/** Triage: category and priority suggestions from editable rules, and routing. */
export function createTriageService(deps: { db: Db; departments: DepartmentService }) {
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
    async saveRule(rule: TRule): Promise<void> {
      await upsertRule(db, rule);
      cached = undefined;
    },

    async suggest(description: string, targetKinds: string[]): Promise<TSuggestion> {
      return suggest((await data()).rules, description, targetKinds);
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

    statementPart: triageStatementPart,
  };
}

export type TriageService = ReturnType<typeof createTriageService>;
export type { TReportTriageView } from './triage.repository.js';
export type { TPriority };
