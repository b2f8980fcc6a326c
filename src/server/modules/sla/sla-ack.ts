import type { DbOrTx } from '../../platform/db/pool.js';
import type { TAckFacts } from '../notifications/reporter-notice.service.js';
import type { DepartmentService } from '../org/department.service.js';
import { ackFactsOf } from './sla-ack.repository.js';

/**
 * What each case's acknowledgement tells the reporter (see notifications' `deadlinesText`): the acceptance due
 * time, the handling due time or period, in the department's time zone. Cases still waiting for their
 * deadlines are left out, so their reports wait for the next scan rather than go out without them.
 */
export function ackFactsFor(departments: DepartmentService, fallbackZone: string): TAckFacts {
  return async (tx: DbOrTx, caseIds: string[]) => {
    const facts = new Map<string, Record<string, string>>();
    const tree = await departments.all();
    for (const f of await ackFactsOf(tx, caseIds)) {
      if (f.pending) continue;
      const own = tree.find((d) => d.id === f.departmentId);
      const p: Record<string, string> = { timeZone: own?.timeZone ?? fallbackZone };
      if (f.acceptanceDue && f.acceptanceUnit) {
        p.acceptanceDue = f.acceptanceDue.toISOString();
        p.acceptanceUnit = f.acceptanceUnit;
      }
      if (f.handlingUnit) p.handlingUnit = f.handlingUnit;
      if (f.handlingDue) p.handlingDue = f.handlingDue.toISOString();
      else if (f.handlingStatus === 'pending' && f.handlingAmount)
        p.handlingAmount = String(f.handlingAmount);
      facts.set(f.caseId, p);
    }
    return facts;
  };
}
