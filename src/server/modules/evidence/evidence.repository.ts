import { asc, eq, type SQL, sql } from 'drizzle-orm';
import type { SealedRecord } from '../../platform/crypto/seal.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import { evidence, type TEvidenceKind, type TEvidenceSource } from './evidence.tables.js';

/** One evidence row to insert: the cleaned, stored file's facts and its sealed original name. */
export interface TEvidenceRow {
  id: string;
  reportId: string;
  kind: TEvidenceKind;
  mime: string;
  receivedBytes: number;
  storedBytes: number;
  receivedSha256: Buffer;
  storedSha256: Buffer;
  storageKey: string;
  /** The original file name, sealed (context 'evidence-filename'). */
  name: SealedRecord;
  width: number | null;
  height: number | null;
  source: TEvidenceSource;
}

/**
 * Statement part: insert evidence rows from arrays (`INSERT … SELECT FROM unnest`), so its text is the same for
 * any number of rows — for the intake statement, or run on its own by `insertEvidence`.
 */
export function evidenceInsert(rows: TEvidenceRow[]): SQL {
  const col = <T>(f: (r: TEvidenceRow) => T) => sql.param(rows.map(f));
  return sql`INSERT INTO evidence (id, report_id, kind, mime, received_bytes, stored_bytes, received_sha256,
      stored_sha256, storage_key, key_id, wrapped_key, sealed, width, height, source)
    SELECT * FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.reportId)}::uuid[], ${col((r) => r.kind)}::text[],
      ${col((r) => r.mime)}::text[], ${col((r) => r.receivedBytes)}::bigint[], ${col((r) => r.storedBytes)}::bigint[],
      ${col((r) => r.receivedSha256)}::bytea[], ${col((r) => r.storedSha256)}::bytea[], ${col((r) => r.storageKey)}::text[],
      ${col((r) => r.name.keyId)}::text[], ${col((r) => r.name.wrappedKey)}::bytea[], ${col((r) => r.name.sealed)}::bytea[],
      ${col((r) => r.width)}::int[], ${col((r) => r.height)}::int[], ${col((r) => r.source)}::text[])`;
}

export async function insertEvidence(db: DbOrTx, rows: TEvidenceRow[]): Promise<void> {
  if (rows.length > 0) await db.execute(evidenceInsert(rows));
}

const publicColumns = {
  id: evidence.id,
  reportId: evidence.reportId,
  kind: evidence.kind,
  mime: evidence.mime,
  receivedBytes: evidence.receivedBytes,
  storedBytes: evidence.storedBytes,
  receivedSha256: evidence.receivedSha256,
  storedSha256: evidence.storedSha256,
  storageKey: evidence.storageKey,
  width: evidence.width,
  height: evidence.height,
  source: evidence.source,
  createdAt: evidence.createdAt,
};

export type TEvidenceRecord = NonNullable<Awaited<ReturnType<typeof findEvidence>>>;

export async function findEvidence(db: DbOrTx, id: string) {
  const [row] = await db.select(publicColumns).from(evidence).where(eq(evidence.id, id)).limit(1);
  return row;
}

export async function listEvidenceOfReport(db: DbOrTx, reportId: string) {
  return db
    .select(publicColumns)
    .from(evidence)
    .where(eq(evidence.reportId, reportId))
    .orderBy(asc(evidence.createdAt), asc(evidence.id));
}

/**
 * Deletes the evidence rows of the given reports; returns the storage keys that no remaining row uses (their
 * blobs may be deleted once the transaction has committed).
 */
export async function deleteEvidenceOfReports(
  tx: DbOrTx,
  reportIds: string[],
): Promise<{ rows: number; orphanKeys: string[] }> {
  const result = await tx.execute<{ storage_key: string; orphan: boolean }>(sql`
    WITH gone AS (DELETE FROM evidence WHERE report_id = ANY(${sql.param(reportIds)}::uuid[]) RETURNING storage_key)
    SELECT g.storage_key, NOT EXISTS (
             SELECT 1 FROM evidence e WHERE e.storage_key = g.storage_key
                AND NOT (e.report_id = ANY(${sql.param(reportIds)}::uuid[]))) AS orphan
      FROM gone g`);
  return {
    rows: result.rows.length,
    orphanKeys: [...new Set(result.rows.filter((r) => r.orphan).map((r) => r.storage_key))],
  };
}
