import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { seal } from '../../platform/crypto/seal.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import { normaliseEmail, normaliseIdNumber, normalisePhone, type TReporterIdentity } from './identity.js';
import { generateReceiptCode, normaliseReceiptCode } from './receipt-code.js';
import {
  findReportIdByCodeHash,
  identitiesInsert,
  receiptsInsert,
  type TIdentityRow,
  type TReceiptRow,
} from './reporter.repository.js';

export const IDENTITY_CONTEXT = 'reporter-identity';

/** The identity vault and receipt codes. Plaintext identity enters here and leaves only sealed. */
export function createReporterService(keys: DerivedKeys) {
  return {
    /**
     * Seals an identity (envelope encryption) with its blind indexes; returns the row to store (new id).
     */
    sealIdentity(identity: TReporterIdentity): TIdentityRow {
      const phone = identity.phone ? normalisePhone(identity.phone) : undefined;
      const idNumber = identity.idNumber ? normaliseIdNumber(identity.idNumber) : undefined;
      return {
        id: randomUUID(),
        ...seal(keys.master, IDENTITY_CONTEXT, identity),
        phoneIndex: phone ? keys.hmac('blind-index:phone', phone) : null,
        emailIndex: identity.email ? keys.hmac('blind-index:email', normaliseEmail(identity.email)) : null,
        idNumberIndex: idNumber ? keys.hmac('blind-index:id-number', idNumber) : null,
      };
    },

    /** A new receipt code (16 digits, returned once) and the row that stores only its HMAC. */
    issueReceipt(reportId: string): { code: string; row: TReceiptRow } {
      const code = generateReceiptCode();
      return { code, row: { codeHash: keys.hmac('receipt-code', code), reportId } };
    },

    /** Statement parts that store sealed identities and receipts (for the intake statement). */
    statementParts(identities: TIdentityRow[], receipts: TReceiptRow[]): { identities: SQL; receipts: SQL } {
      return { identities: identitiesInsert(identities), receipts: receiptsInsert(receipts) };
    },

    /**
     * Finds the report a receipt code belongs to: one indexed read of its HMAC. A malformed code does the
     * same read (of a value that cannot match) so that both answers take the same shape of work.
     */
    async findReportByReceipt(db: DbOrTx, input: string): Promise<string | undefined> {
      const code = normaliseReceiptCode(input) ?? 'invalid';
      return findReportIdByCodeHash(db, keys.hmac('receipt-code', code));
    },
  };
}

export type ReporterService = ReturnType<typeof createReporterService>;

export type { TIdentityRow, TReceiptRow } from './reporter.repository.js';
