import { sql } from 'drizzle-orm';
import type { SealedRecord } from '../../platform/crypto/seal.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TCallState } from './channels.tables.js';

export type TCallRow = {
  id: string;
  source: 'operator' | 'telephony';
  externalId: string | null;
  state: TCallState;
  operatorId: string | null;
  line: string;
  caller: SealedRecord | null;
  startedAt: Date;
  endedAt: Date | null;
  anonymous: boolean;
  recordingConsent: boolean;
  summary: string | null;
  transcript: string | null;
  recordings: unknown[];
  reportId: string | null;
  createdAt: Date;
};

const COLUMNS = sql`id, source, external_id AS "externalId", state, operator_id AS "operatorId", line,
  caller_key_id, caller_wrapped_key, caller_sealed, started_at AS "startedAt", ended_at AS "endedAt", anonymous,
  recording_consent AS "recordingConsent", summary, transcript, recordings, report_id AS "reportId",
  created_at AS "createdAt"`;

function toCall(row: Record<string, unknown>): TCallRow {
  const { caller_key_id, caller_wrapped_key, caller_sealed, ...rest } = row;
  return {
    ...(rest as Omit<TCallRow, 'caller'>),
    caller: caller_key_id
      ? {
          keyId: String(caller_key_id),
          wrappedKey: caller_wrapped_key as Buffer,
          sealed: caller_sealed as Buffer,
        }
      : null,
  };
}

export interface TNewCall {
  source: 'operator' | 'telephony';
  externalId?: string | null;
  state: TCallState;
  operatorId?: string | null;
  line: string;
  caller: SealedRecord | null;
  startedAt: Date;
  endedAt?: Date | null;
  summary?: string | null;
  transcript?: string | null;
  recordings?: unknown[];
  recordingConsent?: boolean;
}

/** Inserts a call; for a call system's id already known, returns the existing call's id and `created: false`. */
export async function insertCall(db: DbOrTx, c: TNewCall): Promise<{ id: string; created: boolean }> {
  const result = await db.execute<{ id: string }>(sql`INSERT INTO hotline_calls (source, external_id, state,
      operator_id, line, caller_key_id, caller_wrapped_key, caller_sealed, started_at, ended_at, summary, transcript,
      recordings, recording_consent)
    VALUES (${c.source}, ${c.externalId ?? null}, ${c.state}, ${c.operatorId ?? null}::uuid, ${c.line},
      ${c.caller?.keyId ?? null}, ${c.caller?.wrappedKey ?? null}::bytea, ${c.caller?.sealed ?? null}::bytea,
      ${c.startedAt.toISOString()}::timestamptz, ${c.endedAt?.toISOString() ?? null}::timestamptz,
      ${c.summary ?? null}, ${c.transcript ?? null}, ${JSON.stringify(c.recordings ?? [])}::jsonb,
      ${c.recordingConsent ?? false})
    ON CONFLICT (external_id) DO NOTHING RETURNING id`);
  const id = result.rows[0]?.id;
  if (id) return { id, created: true };
  const found = await db.execute<{ id: string }>(
    sql`SELECT id FROM hotline_calls WHERE external_id = ${c.externalId ?? null}`,
  );
  const existing = found.rows[0]?.id;
  if (!existing) throw new Error('call neither inserted nor found');
  return { id: existing, created: false };
}

export async function findCall(db: DbOrTx, id: string, lock = false): Promise<TCallRow | undefined> {
  const result = await db.execute(
    sql`SELECT ${COLUMNS} FROM hotline_calls WHERE id = ${id}::uuid${lock ? sql` FOR UPDATE` : sql``}`,
  );
  const row = result.rows[0];
  return row ? toCall(row) : undefined;
}

/** The operator queue: drafts pushed by the call system and open calls, oldest first. */
export async function listCalls(db: DbOrTx, states: TCallState[], limit: number): Promise<TCallRow[]> {
  const result = await db.execute(sql`SELECT ${COLUMNS} FROM hotline_calls
    WHERE state = ANY(${sql.param(states)}::text[]) ORDER BY started_at LIMIT ${limit}`);
  return result.rows.map(toCall);
}

export async function updateCall(
  db: DbOrTx,
  id: string,
  change: Partial<{
    state: TCallState;
    operatorId: string;
    anonymous: boolean;
    recordingConsent: boolean;
    summary: string | null;
    transcript: string | null;
    recordings: unknown[];
    endedAt: Date;
    reportId: string;
  }>,
): Promise<void> {
  const has = (k: keyof typeof change) => Object.hasOwn(change, k);
  await db.execute(sql`UPDATE hotline_calls SET
      state = CASE WHEN ${has('state')} THEN ${change.state ?? null} ELSE state END,
      operator_id = CASE WHEN ${has('operatorId')} THEN ${change.operatorId ?? null}::uuid ELSE operator_id END,
      anonymous = CASE WHEN ${has('anonymous')} THEN ${change.anonymous ?? null}::boolean ELSE anonymous END,
      recording_consent = CASE WHEN ${has('recordingConsent')} THEN ${change.recordingConsent ?? null}::boolean ELSE recording_consent END,
      summary = CASE WHEN ${has('summary')} THEN ${change.summary ?? null} ELSE summary END,
      transcript = CASE WHEN ${has('transcript')} THEN ${change.transcript ?? null} ELSE transcript END,
      recordings = CASE WHEN ${has('recordings')} THEN ${JSON.stringify(change.recordings ?? [])}::jsonb ELSE recordings END,
      ended_at = CASE WHEN ${has('endedAt')} THEN ${change.endedAt?.toISOString() ?? null}::timestamptz ELSE ended_at END,
      report_id = CASE WHEN ${has('reportId')} THEN ${change.reportId ?? null}::uuid ELSE report_id END
    WHERE id = ${id}::uuid`);
}
