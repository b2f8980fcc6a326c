import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TPriority } from '../categories/category.tables.js';
import {
  caseEventInsert,
  caseInsert,
  findCase,
  insertCaseEvent,
  listPublicEvents,
} from './case.repository.js';
import type { TActorType } from './case.tables.js';

/** The nil UUID: matches no row; used to keep "not found" paths doing the same work as "found" ones. */
export const NO_ID = '00000000-0000-0000-0000-000000000000';

export interface TOpenCase {
  /** SQL expression for the case number (from the day's sequence). */
  caseNo: SQL;
  categoryCode: string;
  priority: TPriority;
  departmentId: string;
}

export interface TCaseEvent {
  type: string;
  actorType: TActorType;
  actorId?: string | null;
  /** Never reporter PII. */
  payload?: Record<string, unknown>;
  public: boolean;
}

export function createCaseService() {
  return {
    /**
     * A new case in state `received` with its first timeline event, as statement parts for the intake
     * statement. `parts.case` returns `case_no`.
     */
    openCase(input: TOpenCase, firstEvent: TCaseEvent): { id: string; caseRow: SQL; firstEvent: SQL } {
      const id = randomUUID();
      return {
        id,
        caseRow: caseInsert({ id, ...input }),
        firstEvent: caseEventInsert({ caseId: id, ...firstEvent }),
      };
    },

    async recordEvent(tx: DbOrTx, caseId: string, event: TCaseEvent): Promise<void> {
      await insertCaseEvent(tx, { caseId, ...event });
    },

    /** The case and its public timeline (what a reporter may see); empty for an unknown id. */
    async publicView(db: DbOrTx, caseId: string | undefined) {
      const id = caseId ?? NO_ID;
      const [row, events] = await Promise.all([findCase(db, id), listPublicEvents(db, id)]);
      return { state: row?.state, events: events.map((e) => ({ type: e.type, at: e.at })) };
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
