/**
 * What intake would have written for a generated batch besides its cases and reports, per report: targets as
 * intake computes them (the real extraction, normalisation and generic list; derived registrable domains; known
 * apps found through the registry), open cases' targets, the first report of each case, the SimHash
 * fingerprint, the receipt, the timeline event, the triage row, the audit entry and, for named reports, the
 * sealed identity. Pure: the SQL is in ./intake-seed.ts.
 */
import { OPEN_STATES } from '../src/server/modules/cases/case.states.js';
import { bands, simhash } from '../src/server/modules/targets/simhash.js';
import {
  analyseTargets,
  type TAnalysedTarget,
  type TTargetConfig,
  toConfig,
} from '../src/server/modules/targets/target.config.js';
import { TARGET_LIST_SEED } from '../src/server/modules/targets/target.seed.js';
import type { BenchBatch, BenchCase, BenchReport } from './console-data.js';

export interface IntakeRows {
  reportTargets: {
    reportId: string;
    key: string;
    caseId: string;
    value: string;
    derived: boolean;
    generic: boolean;
  }[];
  registry: { key: string; kind: string; normalized: string; firstSeen: Date }[];
  caseTargets: { key: string; caseId: string }[];
  firstReports: { caseId: string; reportId: string; submittedAt: Date }[];
  fingerprints: { reportId: string; simhash: bigint; bands: number[] }[];
  events: { caseId: string; type: string; payload: Record<string, unknown>; at: Date }[];
  triage: {
    reportId: string;
    caseId: string;
    chosen: string;
    suggested: string;
    priority: string;
    reasons: { rule: string; zh: string; en: string }[];
    urgent: boolean;
    departmentId: string;
    basis: string;
    at: Date;
  }[];
  audit: { chain: number; at: Date; subjectId: string; payload: Record<string, unknown> }[];
  /** Reports that get a receipt (all) and named reports that get a sealed identity (every other one). */
  receipts: { reportId: string; at: Date }[];
  identities: { at: Date }[];
}

/** The target lists intake reads, as seeded (the bench database holds exactly these). */
export function seededTargetConfig(): TTargetConfig {
  return toConfig(
    Object.entries(TARGET_LIST_SEED).flatMap(([list, values]) => values.map((value) => ({ list, value }))),
  );
}

/** A report's targets as intake writes them: `analyseTargets` plus the known apps `plan` finds in the registry. */
function reportTargets(r: BenchReport, cfg: TTargetConfig, knownApps: Set<string>): TAnalysedTarget[] {
  const { targets, appKeys } = analyseTargets(r.description, r.targets, cfg);
  for (const key of new Set(appKeys.filter((k) => knownApps.has(k)))) {
    const normalized = key.slice(4);
    targets.push({ kind: 'app', value: normalized, normalized, key, derived: false, generic: false });
  }
  return targets;
}

const REASONS = {
  urgent: { rule: 'transfer_in_progress', zh: '提到正在转账', en: 'mentions a transfer in progress' },
  high: { rule: 'large_loss', zh: '涉及较大金额损失', en: 'mentions a large loss' },
};

/** Computes the rows; `knownApps` (the registry's app keys so far) grows with the batch's apps. */
export function intakeRows(
  batch: BenchBatch,
  cfg: TTargetConfig,
  knownApps: Set<string>,
  departmentCodes: Map<string, string>,
): IntakeRows {
  const rows: IntakeRows = {
    reportTargets: [],
    registry: [],
    caseTargets: [],
    firstReports: [],
    fingerprints: [],
    events: [],
    triage: [],
    audit: [],
    receipts: [],
    identities: [],
  };
  const cases = new Map<string, BenchCase>(batch.cases.map((c) => [c.id, c]));
  const registry = new Map<string, IntakeRows['registry'][number]>();
  const caseTargets = new Set<string>();
  const firsts = new Map<string, BenchReport>();
  batch.reports.forEach((r, i) => {
    const kase = cases.get(r.caseId);
    if (!kase) throw new Error(`report ${r.reportNo} has no case in its batch`);
    const open = OPEN_STATES.includes(kase.state);
    for (const t of reportTargets(r, cfg, knownApps)) {
      rows.reportTargets.push({ reportId: r.id, caseId: r.caseId, ...t });
      if (!registry.has(t.key))
        registry.set(t.key, { key: t.key, kind: t.kind, normalized: t.normalized, firstSeen: r.submittedAt });
      if (t.kind === 'app') knownApps.add(t.key);
      if (open && !t.generic && !caseTargets.has(`${t.key} ${r.caseId}`)) {
        caseTargets.add(`${t.key} ${r.caseId}`);
        rows.caseTargets.push({ key: t.key, caseId: r.caseId });
      }
    }
    const hash = simhash(r.tokens.split(' '));
    rows.fingerprints.push({ reportId: r.id, simhash: hash, bands: bands(hash) });
    const first = firsts.get(r.caseId);
    const joined = first !== undefined;
    if (!first || r.submittedAt < first.submittedAt) firsts.set(r.caseId, r);
    rows.events.push({
      caseId: r.caseId,
      type: joined ? 'report_joined' : 'report_received',
      payload: joined
        ? { reportId: r.id, channel: r.channel }
        : { reportId: r.id, channel: r.channel, departmentCode: departmentCodes.get(kase.departmentId) },
      at: r.submittedAt,
    });
    const reasons = kase.priority === 'urgent' || kase.priority === 'high' ? [REASONS[kase.priority]] : [];
    rows.triage.push({
      reportId: r.id,
      caseId: r.caseId,
      chosen: r.categoryCode,
      // A suggestion now and then disagrees with the reporter's choice.
      suggested: i % 11 === 0 && r.categoryCode !== 'other' ? 'other' : r.categoryCode,
      priority: kase.priority,
      reasons,
      urgent: kase.priority === 'urgent',
      departmentId: kase.departmentId,
      basis: r.regionCode ? 'reporter_region' : 'none',
      at: r.submittedAt,
    });
    const named = i % 2 === 1;
    rows.audit.push({
      chain: i % 32,
      at: r.submittedAt,
      subjectId: r.id,
      payload: { caseId: r.caseId, joined, channel: r.channel, anonymous: !named, evidence: 0 },
    });
    rows.receipts.push({ reportId: r.id, at: r.submittedAt });
    if (named) rows.identities.push({ at: r.submittedAt });
  });
  rows.registry = [...registry.values()];
  rows.firstReports = [...firsts.values()].map((r) => ({
    caseId: r.caseId,
    reportId: r.id,
    submittedAt: r.submittedAt,
  }));
  return rows;
}
