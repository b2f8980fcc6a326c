import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TPriority } from '../categories/category.tables.js';
import {
  caseEventsInsert,
  casesInsert,
  findCase,
  insertCaseEvent,
  listPublicEvents,
  type TNewCase,
  type TNewCaseEvent,
} from './case.repository.js';
import type { TActorType } from './case.tables.js';

/** The nil UUID: matches no row; used to keep "not found" paths doing the same work as "found" ones. */
export const NO_ID = '00000000-0000-0000-0000-000000000000';

export interface TOpenCase {
  numberSequence: string;
  numberPrefix: string;
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
    /** A new case (state `received`) and its first timeline event, as rows for the intake statement. */
    openCase(
      input: TOpenCase,
      firstEvent: TCaseEvent,
    ): { id: string; caseRow: TNewCase; eventRow: TNewCaseEvent } {
      const id = randomUUID();
      return { id, caseRow: { id, ...input }, eventRow: { caseId: id, ...firstEvent } };
    },

    /** Statement parts that store new cases and timeline events (for the intake statement). */
    statementParts(newCases: TNewCase[], events: TNewCaseEvent[]): { cases: SQL; events: SQL } {
      return { cases: casesInsert(newCases), events: caseEventsInsert(events) };
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

export type { TNewCase, TNewCaseEvent } from './case.repository.js';
