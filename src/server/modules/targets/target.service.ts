import { recordAudit } from '../../platform/audit/audit.js';
import { createBatcher } from '../../platform/batcher.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { TActor } from '../org/access.policy.js';
import { bands } from './simhash.js';
import {
  isGeneric,
  type TAnalysedTarget,
  type TAnalysis,
  type TTargetConfig,
  toConfig,
} from './target.config.js';
import { EMPTY_LIST_MARK, listProblems } from './target.lists.js';
import { decodeRegistryCursor, encodeRegistryCursor, registrySearch } from './target.registry.js';
import {
  clusterStatementPart,
  findCaseHits,
  findRegistryEntries,
  followReports,
  listTargetLists,
  lockTargetList,
  nearDuplicateCases,
  replaceTargetList,
  seedTargetLists,
  setTargetLocation,
  setTargetStatus,
  type TCaseHit,
  type TClusterRow,
} from './target.repository.js';
import { REGISTRY_MAX_CASES, type TRegistryEntryView, type TRegistryQuery } from './target.schemas.js';
import { TARGET_LIST_SEED } from './target.seed.js';
import type { TTargetStatus } from './target.tables.js';

const CACHE_MS = 15_000;

export { isGeneric, type TAnalysedTarget, type TAnalysis, type TTargetConfig, toConfig };

export interface TClusterPlan {
  /** The open case the report joins, when one shares a non-generic target and a compatible category. */
  join?: { id: string; caseNo: string } | undefined;
  /** Other open cases sharing a target ("possibly related"). */
  related: string[];
  /** Known apps found in the text through the registry (added to the report's targets). */
  known: TAnalysedTarget[];
  /** The known location (region code set by staff) of one of the report's targets, for routing. */
  targetRegion?: string | undefined;
}

/** Target recognition, the registry and clustering of reports into cases. */
export function createTargetService(
  db: Db,
  deps: {
    /** Codes of the active categories (`category_compat` entries must name two). */
    categoryCodes(): Promise<string[]>;
  },
) {
  let cached: { at: number; config: Promise<TTargetConfig> } | undefined;
  // Look-ups of reports submitted at the same time share one query (as their writes share one statement).
  const lookups = createBatcher({
    run: (requests: { keys: string[]; appKeys: string[] }[]) => findCaseHits(db, requests),
    maxBatch: 64,
    maxInFlight: 4,
  });

  async function load(): Promise<TTargetConfig> {
    let rows = await listTargetLists(db);
    if (rows.length === 0) {
      await seedTargetLists(db, TARGET_LIST_SEED);
      rows = await listTargetLists(db);
    }
    return toConfig(rows);
  }

  function config(): Promise<TTargetConfig> {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const c = load();
      cached = { at: Date.now(), config: c };
      c.catch(() => {
        cached = undefined;
      });
    }
    return cached.config;
  }

  return {
    config,
    invalidate(): void {
      cached = undefined;
    },

    /**
     * Which open case a report joins: the compatible case sharing the most non-generic targets (ties: the older).
     * Skips the database when the report has nothing to match.
     */
    async plan(analysis: TAnalysis, category: string): Promise<TClusterPlan> {
      const keys = analysis.targets.filter((t) => !t.generic).map((t) => t.key);
      if (keys.length === 0 && analysis.appKeys.length === 0) return { related: [], known: [] };
      const cfg = await config();
      const hits = await lookups.add({ keys, appKeys: analysis.appKeys });
      const known = hits.known.map((key) => {
        const normalized = key.slice(4);
        return { kind: 'app' as const, value: normalized, normalized, key, derived: false, generic: false };
      });
      const compatible = (c: TCaseHit) =>
        c.category === category || cfg.compatible.has(`${c.category}|${category}`);
      const join = hits.cases.find(compatible);
      return {
        join: join ? { id: join.id, caseNo: join.caseNo } : undefined,
        related: hits.cases.filter((c) => c !== join).map((c) => c.id),
        known,
        targetRegion: hits.regions[0],
      };
    },

    /** The rows the intake statement writes for one report's targets and fingerprint. */
    clusterRow(
      reportId: string,
      caseId: string,
      newCase: boolean,
      analysis: TAnalysis,
      known: TAnalysedTarget[],
      /** The SimHash of the description's search tokens (its fingerprint). */
      hash: bigint,
    ): TClusterRow {
      return {
        reportId,
        caseId,
        newCase,
        targets: [...analysis.targets, ...known],
        simhash: hash,
        bands: bands(hash),
      };
    },

    /** The intake statement's part for these rows (`clusterRow`): targets, registry, first reports, fingerprints. */
    statementPart: clusterStatementPart,

    /**
     * One page of the registry for `actor`: a search (`q`: a target in any written form, or text inside the
     * normalised forms), kind, status and keyset paging. Counts are global; cases are those the actor may see.
     */
    async registry(actor: TActor, query: TRegistryQuery) {
      const search = query.q ? registrySearch(query.q, await config()) : undefined;
      const rows = await findRegistryEntries(db, actor, {
        ...(search ?? {}),
        kind: query.kind,
        status: query.status,
        before: query.before ? decodeRegistryCursor(query.before) : undefined,
        limit: query.limit + 1,
        maxCases: REGISTRY_MAX_CASES,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        // Timestamps arrive as text from `execute` (drizzle leaves them unparsed).
        items: page.map(
          ({ firstSeenExact: _, firstSeen, lastSeen, ...row }): TRegistryEntryView => ({
            ...(row as Omit<TRegistryEntryView, 'firstSeen' | 'lastSeen'>),
            firstSeen: new Date(firstSeen),
            lastSeen: lastSeen === null ? null : new Date(lastSeen),
          }),
        ),
        next:
          rows.length > query.limit && last
            ? encodeRegistryCursor({ firstSeen: last.firstSeenExact, key: last.key })
            : null,
      };
    },
    /** Staff mark a target confirmed harmful, cleared or unverified (audited); false for an unknown key. */
    setStatus(actor: TActor, key: string, status: TTargetStatus): Promise<boolean> {
      return db.transaction(async (tx) => {
        if (!(await setTargetStatus(tx, key, status))) return false;
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'target.status_set',
          subjectType: 'target',
          subjectId: key,
          payload: { status },
        });
        return true;
      });
    },
    /** Staff record where a target is (GB/T 2260 code; null clears it): routing uses it (audited). */
    setLocation(actor: TActor, key: string, regionCode: string | null): Promise<boolean> {
      return db.transaction(async (tx) => {
        if (!(await setTargetLocation(tx, key, regionCode))) return false;
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'target.location_set',
          subjectType: 'target',
          subjectId: key,
          payload: { regionCode },
        });
        return true;
      });
    },

    /** Open cases whose reports read almost the same as this case's ("possibly the same incident"). */
    nearDuplicates: (caseId: string) => nearDuplicateCases(db, caseId),

    /** After a merge, split or undo: the moved reports' targets follow, the cases' target sets are rebuilt. */
    followReports(tx: DbOrTx, reportIds: string[], toCaseId: string, caseIds: string[]): Promise<void> {
      return followReports(tx, reportIds, toCaseId, caseIds);
    },

    /** Every list by name (a list staff emptied is there, empty). */
    async lists(): Promise<Record<string, string[]>> {
      await config();
      const out: Record<string, string[]> = {};
      for (const r of await listTargetLists(db)) {
        const values = out[r.list] ?? [];
        if (r.value !== EMPTY_LIST_MARK) values.push(r.value);
        out[r.list] = values;
      }
      return out;
    },

    /**
     * Replaces one list (404 for an unknown list; 400 naming each bad entry, `values.<i>`), audited in the same
     * transaction with counts only (entries are not repeated in the log).
     */
    async replaceList(actor: TActor, list: string, values: string[]): Promise<void> {
      const current = await this.lists();
      if (!Object.hasOwn(current, list)) throw new AppError('target_list_not_found', 404);
      const platforms = Object.keys(current)
        .filter((name) => name.startsWith('platform:') && (current[name]?.length ?? 0) > 0)
        .map((name) => name.slice(9));
      const problems = listProblems(list, values, { categories: await deps.categoryCodes(), platforms });
      if (problems.length > 0) throw new AppError('validation_failed', 400, {}, problems);
      await db.transaction(async (tx) => {
        const before = new Set((await lockTargetList(tx, list)).filter((v) => v !== EMPTY_LIST_MARK));
        const after = new Set(values);
        await replaceTargetList(tx, list, values);
        await recordAudit(tx, {
          actorType: 'staff',
          actorId: actor.id,
          action: 'target.list_replaced',
          subjectType: 'target_list',
          subjectId: list,
          payload: {
            before: before.size,
            after: after.size,
            added: [...after].filter((v) => !before.has(v)).length,
            removed: [...before].filter((v) => !after.has(v)).length,
          },
        });
      });
      cached = undefined;
    },
  };
}

export type TargetService = ReturnType<typeof createTargetService>;
export type { TClusterRow };
