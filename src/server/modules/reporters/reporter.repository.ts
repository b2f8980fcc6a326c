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

/** Statement part: insert one sealed identity (for a caller that writes everything in one statement). */
export function identityInsert(row: TIdentityRow): SQL {
  return sql`INSERT INTO reporter_identities (id, key_id, wrapped_key, sealed, phone_index, email_index, id_number_index)
    VALUES (${row.id}, ${row.keyId}, ${row.wrappedKey}, ${row.sealed}, ${row.phoneIndex}, ${row.emailIndex},
            ${row.idNumberIndex})`;
}

/** Statement part: insert the HMAC of a report's receipt code. */
export function receiptInsert(codeHash: Buffer, reportId: string): SQL {
  return sql`INSERT INTO receipts (code_hash, report_id) VALUES (${codeHash}, ${reportId})`;
}

export async function findReportIdByCodeHash(db: DbOrTx, codeHash: Buffer): Promise<string | undefined> {
  const [row] = await db
    .select({ reportId: receipts.reportId })
    .from(receipts)
    .where(eq(receipts.codeHash, codeHash))
    .limit(1);
  return row?.reportId;
}
