import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/pool.js';
import {
  casesDueForPurge,
  lockCaseForPurge,
  markCasePurged,
  reportIdsOfCase,
} from '../cases/case-reports.repository.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import { deleteIdentitiesOfReports } from './reveal.repository.js';

export interface RetentionDeps {
  db: Db;
  evidence: EvidenceService;
  /** Days after closing that identities and evidence are kept. */
  retentionDays: number;
}

/**
 * Retention: N days after a case is closed, its reporters' sealed identities and its evidence are purged; the
 * anonymised case (category, timeline, decision) stays for statistics. A case under appeal is not closed, so
 * it is never purged; one reopened while queued is skipped. Each purge is audited. (Pending rewards will be an
 * exemption here when the rewards module lands.)
 */
export function createRetention(deps: RetentionDeps) {
  return {
    async purgeDue(
      now = new Date(),
      batch = 100,
    ): Promise<{ cases: number; identities: number; evidence: number }> {
      const closedBefore = new Date(now.getTime() - deps.retentionDays * 86_400_000);
      const totals = { cases: 0, identities: 0, evidence: 0 };
      for (;;) {
        const due = await casesDueForPurge(deps.db, closedBefore, batch);
        if (due.length === 0) return totals;
        for (const caseId of due) {
          let deleteBlobs: () => Promise<void> = async () => {};
          const done = await deps.db.transaction(async (tx) => {
            if (!(await lockCaseForPurge(tx, caseId, closedBefore))) return undefined;
            const reportIds = await reportIdsOfCase(tx, caseId);
            const identities = await deleteIdentitiesOfReports(tx, reportIds);
            const files = await deps.evidence.purgeReports(tx, reportIds);
            deleteBlobs = files.deleteBlobs;
            await markCasePurged(tx, caseId);
            await recordAudit(tx, {
              actorType: 'system',
              action: 'retention.purged',
              subjectType: 'case',
              subjectId: caseId,
              payload: {
                reports: reportIds.length,
                identities,
                evidence: files.rows,
                retentionDays: deps.retentionDays,
              },
            });
            return { identities, evidence: files.rows };
          });
          if (!done) continue;
          await deleteBlobs();
          totals.cases++;
          totals.identities += done.identities;
          totals.evidence += done.evidence;
        }
      }
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
