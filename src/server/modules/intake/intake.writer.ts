import { auditStatementPart } from '../../platform/audit/audit.js';
import type { TAuditEntry } from '../../platform/audit/audit.types.js';
import { createBatcher } from '../../platform/batcher.js';
import type { Db } from '../../platform/db/pool.js';
import { type DailyNumber, ensureSequences, isMissingSequence } from '../../platform/numbers.js';
import type { CaseService, TNewCase, TNewCaseEvent } from '../cases/case.service.js';
import type { EvidenceService, TEvidenceRow } from '../evidence/evidence.service.js';
import type { ReporterService, TIdentityRow, TReceiptRow } from '../reporters/reporter.service.js';
import type { TargetService, TClusterRow } from '../targets/target.service.js';
import type { TriageService, TTriageRow } from '../triage/triage.service.js';
import { idempotencyInsert, type TIdempotencyRow } from './idempotency.repository.js';
import { reportsInsert, type TNewReport, writeIntake } from './report.repository.js';

/** Everything one report writes, prepared (validated, sealed, hashed) before it reaches the database. */
export interface TIntakeWrite {
  report: TNewReport;
  /** Absent when the report joins an existing case (clustering); `caseNo` is then that case's number. */
  newCase: TNewCase | undefined;
  caseNo?: string | undefined;
  firstEvent: TNewCaseEvent;
  /** Targets, registry counts, fingerprint (targets module) and triage row (triage module). */
  cluster: TClusterRow;
  triage: TTriageRow;
  identity: TIdentityRow | undefined;
  receipt: TReceiptRow;
  /** Rows of evidence files already in the blob store (see `writeIntake`). */
  evidence: TEvidenceRow[];
  audit: TAuditEntry;
  /** The idempotency key's row, when the submission carried one. */
  idempotency?: TIdempotencyRow | undefined;
  /** The day's number sequences this write draws from (created when missing). */
  sequences: DailyNumber[];
}

export interface TIntakeWritten {
  reportNo: string;
  caseNo: string;
}

/**
 * Writes prepared reports with group commit: concurrent reports share one intake statement (one round trip,
 * one commit); each caller is answered only after its statement committed.
 */
export function createIntakeWriter(
  db: Db,
  modules: {
    reporters: ReporterService;
    cases: CaseService;
    evidence: EvidenceService;
    targets: TargetService;
    triage: TriageService;
  },
) {
  const { reporters, cases, evidence, targets, triage } = modules;
  async function writeBatch(batch: TIntakeWrite[]): Promise<TIntakeWritten[]> {
    const items = coalesceNewCases(batch);
    const own = reporters.statementParts(
      items.flatMap((i) => (i.identity ? [i.identity] : [])),
      items.map((i) => i.receipt),
    );
    const caseParts = cases.statementParts(
      items.flatMap((i) => (i.newCase ? [i.newCase] : [])),
      items.map((i) => i.firstEvent),
    );
    const evidenceRows = items.flatMap((i) => i.evidence);
    const idempotencyRows = items.flatMap((i) => (i.idempotency ? [i.idempotency] : []));
    const parts = {
      cases: caseParts.cases,
      events: caseParts.events,
      reports: reportsInsert(items.map((i) => i.report)),
      identities: own.identities,
      receipts: own.receipts,
      audit: auditStatementPart(items.map((i) => i.audit)),
      // Only batches with files carry the evidence part: the statement without it stays as fast as before.
      evidence: evidenceRows.length > 0 ? evidence.statementPart(evidenceRows) : undefined,
      idempotency: idempotencyRows.length > 0 ? idempotencyInsert(idempotencyRows) : undefined,
      cluster: targets.statementPart(items.map((i) => i.cluster)),
      triage: triage.statementPart(items.map((i) => i.triage)),
    };
    let rows: Awaited<ReturnType<typeof writeIntake>>;
    try {
      rows = await writeIntake(db, parts);
    } catch (err) {
      if (!isMissingSequence(err)) throw err;
      await ensureSequences(
        db,
        items.flatMap((i) => i.sequences),
      );
      rows = await writeIntake(db, parts);
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    return items.map((i) => {
      const row = byId.get(i.report.id);
      if (!row) throw new Error('intake statement lost a report');
      return { reportNo: row.report_no, caseNo: row.case_no ?? i.caseNo ?? '' };
    });
  }

  const batcher = createBatcher<TIntakeWrite, TIntakeWritten>({
    run: writeBatch,
    maxBatch: 64,
    maxInFlight: 4,
  });
  return { write: (item: TIntakeWrite) => batcher.add(item) };
}

export type IntakeWriter = ReturnType<typeof createIntakeWriter>;

/**
 * Reports of one batch that would each open a new case although they share a non-generic target (and the
 * category) go into the first one's case: their look-ups ran before either case existed. Returns adjusted
 * copies: when the batch fails and each report is retried alone, it is retried as it was submitted.
 */
function coalesceNewCases(batch: TIntakeWrite[]): TIntakeWrite[] {
  const owner = new Map<string, { caseId: string; category: string }>();
  return batch.map((item) => {
    const keys = item.cluster.targets.filter((t) => !t.generic).map((t) => t.key);
    const category = item.newCase?.categoryCode;
    const to = category ? keys.map((k) => owner.get(k)).find((o) => o?.category === category) : undefined;
    if (!to) {
      if (category)
        for (const k of keys) if (!owner.has(k)) owner.set(k, { caseId: item.report.caseId, category });
      return item;
    }
    const caseId = to.caseId;
    return {
      ...item,
      newCase: undefined,
      report: { ...item.report, caseId },
      firstEvent: { ...item.firstEvent, caseId, type: 'report_joined' },
      cluster: { ...item.cluster, caseId, newCase: false },
      triage: { ...item.triage, caseId },
      audit: { ...item.audit, payload: { ...item.audit.payload, caseId } },
    };
  });
}
