import { eq, type SQL, sql } from 'drizzle-orm';
import type { SealedRecord } from '../../platform/crypto/seal.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import { receipts } from './reporter.tables.js';

export interface TIdentityRow extends SealedRecord {
  id: string;
  phoneIndex: Buffer | null;
  emailIndex: Buffer | null;
  idNumberIndex: Buffer | null;
}

export interface TReceiptRow {
  codeHash: Buffer;
  reportId: string;
}

/** Statement part: insert sealed identities (from arrays, so the statement text is the same for any count). */
export function identitiesInsert(rows: TIdentityRow[]): SQL {
  const col = <T>(f: (r: TIdentityRow) => T) => sql.param(rows.map(f));
  return sql`INSERT INTO reporter_identities (id, key_id, wrapped_key, sealed, phone_index, email_index, id_number_index)
    SELECT * FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.keyId)}::text[], ${col((r) => r.wrappedKey)}::bytea[],
      ${col((r) => r.sealed)}::bytea[], ${col((r) => r.phoneIndex)}::bytea[], ${col((r) => r.emailIndex)}::bytea[],
      ${col((r) => r.idNumberIndex)}::bytea[])`;
}

/** Statement part: insert the HMACs of receipt codes. */
export function receiptsInsert(rows: TReceiptRow[]): SQL {
  return sql`INSERT INTO receipts (code_hash, report_id)
    SELECT * FROM unnest(${sql.param(rows.map((r) => r.codeHash))}::bytea[], ${sql.param(rows.map((r) => r.reportId))}::uuid[])`;
}

export async function findReportIdByCodeHash(db: DbOrTx, codeHash: Buffer): Promise<string | undefined> {
  const [row] = await db
    .select({ reportId: receipts.reportId })
    .from(receipts)
    .where(eq(receipts.codeHash, codeHash))
    .limit(1);
  return row?.reportId;
}
