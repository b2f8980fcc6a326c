import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { seal } from '../../platform/crypto/seal.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import { normaliseEmail, normaliseIdNumber, normalisePhone, type TReporterIdentity } from './identity.js';
import { generateReceiptCode, normaliseReceiptCode } from './receipt-code.js';
import { findReportIdByCodeHash, insertIdentity, insertReceipt } from './reporter.repository.js';

export const IDENTITY_CONTEXT = 'reporter-identity';

/** The identity vault and receipt codes. Plaintext identity enters here and leaves only sealed. */
export function createReporterService(keys: DerivedKeys) {
  return {
    /** Seals the identity (envelope encryption) with blind indexes; returns the identity id. */
    async sealIdentity(tx: DbOrTx, identity: TReporterIdentity): Promise<string> {
      const phone = identity.phone ? normalisePhone(identity.phone) : undefined;
      const idNumber = identity.idNumber ? normaliseIdNumber(identity.idNumber) : undefined;
      const sealed = seal(keys.master, IDENTITY_CONTEXT, identity);
      return insertIdentity(tx, {
        ...sealed,
        phoneIndex: phone ? keys.hmac('blind-index:phone', phone) : null,
        emailIndex: identity.email ? keys.hmac('blind-index:email', normaliseEmail(identity.email)) : null,
        idNumberIndex: idNumber ? keys.hmac('blind-index:id-number', idNumber) : null,
      });
    },

    /** Creates a receipt code for a report; returns the code (16 digits). Only its HMAC is stored. */
    async issueReceipt(tx: DbOrTx, reportId: string): Promise<string> {
      const code = generateReceiptCode();
      await insertReceipt(tx, keys.hmac('receipt-code', code), reportId);
      return code;
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
