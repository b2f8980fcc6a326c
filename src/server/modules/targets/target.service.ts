import { recordAudit } from '../../platform/audit/audit.js';
import { createBatcher } from '../../platform/batcher.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import type { TActor } from '../org/access.policy.js';
import { bands, simhash } from './simhash.js';
import { appCandidates, extractTargets, type TExtractConfig, type TExtracted } from './target.extract.js';
import { normalizeDomain } from './target.normalize.js';
import {
  clusterStatementPart,
  findCaseHits,
  findRegistryEntries,
  followReports,
  listTargetLists,
  nearDuplicateCases,
  replaceTargetList,
  seedTargetLists,
  setTargetLocation,
  setTargetStatus,
  type TCaseHit,
  type TClusterRow,
} from './target.repository.js';
import { TARGET_LIST_SEED } from './target.seed.js';
import type { TTargetStatus } from './target.tables.js';

const CACHE_MS = 15_000;

export interface TTargetConfig extends TExtractConfig {
  generic: Set<string>;
  compatible: Set<string>;
}

export interface TAnalysedTarget extends TExtracted {
  key: string;
  derived: boolean;
  generic: boolean;
}

export interface TAnalysis {
  targets: TAnalysedTarget[];
  appKeys: string[];
  tokens: string[];
}

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

export function toConfig(rows: { list: string; value: string }[]): TTargetConfig {
  const lists = new Map<string, string[]>();
  for (const r of rows) if (r.value !== '-') lists.set(r.list, [...(lists.get(r.list) ?? []), r.value]);
  const platforms: Record<string, string[]> = {};
  for (const [list, values] of lists) if (list.startsWith('platform:')) platforms[list.slice(9)] = values;
  const compatible = new Set<string>();
  for (const pair of lists.get('category_compat') ?? []) {
    const [a, b] = pair.split('|');
    compatible.add(`${a}|${b}`).add(`${b}|${a}`);
  }
  return {
    platforms,
    trackingParams: lists.get('tracking_param') ?? [],
    cardCues: lists.get('card_cue') ?? [],
    alipayCues: lists.get('alipay_cue') ?? [],
    defaultHandlePlatform: lists.get('default_handle_platform')?.[0] ?? 'weibo',
    generic: new Set(lists.get('generic') ?? []),
    compatible,
  };
}

/** A target is generic when listed, or when it is a URL with an empty path on a generic registrable domain. */
export function isGeneric(kind: string, normalized: string, config: TTargetConfig): boolean {
  if (config.generic.has(`${kind}|${normalized}`)) return true;
  if (kind === 'domain') return false;
  if (kind === 'url' && /^https?:\/\/[^/?]+$/.test(normalized)) {
    const domain = normalizeDomain(normalized);
    const host = normalized.replace(/^https?:\/\//, '').split(':')[0] ?? '';
    return config.generic.has(`domain|${domain}`) || config.generic.has(`domain|${host}`);
  }
  return false;
}

/** Target recognition, the registry and clustering of reports into cases. */
export function createTargetService(db: Db) {
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

  function withKeys(found: TExtracted[], cfg: TTargetConfig): TAnalysedTarget[] {
    const out = new Map<string, TAnalysedTarget>();
    for (const t of found) {
      const key = `${t.kind}|${t.normalized}`;
      out.set(key, { ...t, key, derived: false, generic: isGeneric(t.kind, t.normalized, cfg) });
    }
    for (const t of [...out.values()]) {
      if (t.kind !== 'url') continue;
      const domain = normalizeDomain(t.normalized);
      const key = `domain|${domain}`;
      if (domain && !out.has(key)) {
        out.set(key, {
          kind: 'domain',
          value: t.value,
          normalized: domain,
          key,
          derived: true,
          generic: isGeneric('domain', domain, cfg),
        });
      }
    }
    return [...out.values()];
  }

  return {
    config,
    invalidate(): void {
      cached = undefined;
    },

    /** Targets of a report: from its description and its explicit target fields, with keys and flags. */
    async analyse(description: string, explicit: string[], tokens: string[]): Promise<TAnalysis> {
      const cfg = await config();
      const found = [description, ...explicit].flatMap((text) => extractTargets(text, cfg));
      const targets = withKeys(found, cfg);
      const have = new Set(targets.map((t) => t.key));
      const appKeys = [description, ...explicit]
        .flatMap((text) => appCandidates(text))
        .map((n) => `app|${n}`)
        .filter((k) => !have.has(k) && !cfg.generic.has(k));
      return { targets, appKeys, tokens };
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
    ): TClusterRow {
      const hash = simhash(analysis.tokens);
      return {
        reportId,
        caseId,
        newCase,
        targets: [...analysis.targets, ...known],
        simhash: hash,
        bands: bands(hash),
      };
    },

    statementPart: clusterStatementPart,

    /** The registry: targets with first/last seen, report and case counts, and the cases they are in. */
    registry: (filter: { key?: string; kind?: string; limit?: number }) =>
      findRegistryEntries(db, { ...filter, limit: filter.limit ?? 100 }),
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

    async lists(): Promise<Record<string, string[]>> {
      await config();
      const out: Record<string, string[]> = {};
      for (const r of await listTargetLists(db))
        if (r.value !== '-') out[r.list] = [...(out[r.list] ?? []), r.value];
      return out;
    },
    async replaceList(list: string, values: string[]): Promise<void> {
      await replaceTargetList(db, list, values);
      cached = undefined;
    },
  };
}

export type TargetService = ReturnType<typeof createTargetService>;
