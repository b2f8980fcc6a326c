import { createHash } from 'node:crypto';
import { createBatcher } from '../../platform/batcher.js';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { seal } from '../../platform/crypto/seal.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import {
  deleteExpiredKeys,
  findByKeyHashes,
  type TIdempotencyRow,
  type TIdempotentReport,
} from './idempotency.repository.js';
import type { IntakeResult } from './intake.types.js';

/** Seal context of the receipt code kept for replays. */
export const IDEMPOTENT_RECEIPT_CONTEXT = 'idempotent-receipt';
/** How long a key is remembered. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60_000;

/** The key as stored: SHA-256 (the key is a client's random token, not personal data). */
export function hashIdempotencyKey(key: string): Buffer {
  return createHash('sha256').update(`qinglang:idempotency:${key}`, 'utf8').digest();
}

/** True for the unique-key failure of a second submission with the same key (it rolled back). */
export function isIdempotencyConflict(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const c = e?.code === '23505' ? e : e?.cause?.code === '23505' ? e.cause : undefined;
  return c?.constraint === 'intake_idempotency_pkey';
}

/**
 * Idempotent submission: the same `Idempotency-Key` never creates a second report. A replay answers with the
 * report the key created (the receipt code unsealed again); a concurrent duplicate fails on the primary key
 * inside the intake statement (so nothing of it is written) and is then answered as a replay.
 */
export function createIdempotency(db: DbOrTx, keys: DerivedKeys) {
  // Look-ups that arrive together (mails received at the same time) share one statement.
  const lookups = createBatcher<Buffer, TIdempotentReport | undefined>({
    run: async (hashes) => {
      const found = new Map(
        (await findByKeyHashes(db, hashes)).map((r) => [r.keyHash.toString('hex'), r] as const),
      );
      return hashes.map((h) => found.get(h.toString('hex')));
    },
    maxBatch: 64,
    maxInFlight: 2,
  });
  return {
    /** The row written with a report in the intake statement. */
    row(key: string, reportId: string, receiptCode: string, now = Date.now()): TIdempotencyRow {
      const sealed = seal(keys.master, IDEMPOTENT_RECEIPT_CONTEXT, receiptCode);
      return {
        keyHash: hashIdempotencyKey(key),
        reportId,
        keyId: sealed.keyId,
        wrappedKey: sealed.wrappedKey,
        sealed: sealed.sealed,
        expiresAt: new Date(now + IDEMPOTENCY_TTL_MS),
      };
    },

    /** What the key's first submission was answered with; undefined for an unknown or expired key. */
    async replay(key: string): Promise<IntakeResult | undefined> {
      const keyHash = hashIdempotencyKey(key);
      if (Math.random() < 0.01) await deleteExpiredKeys(db, 1000);
      const found = await lookups.add(keyHash);
      if (!found) return undefined;
      if (found.expired) {
        await deleteExpiredKeys(db, 1, keyHash);
        return undefined;
      }
      const receiptCode = keys.unseal<string>(IDEMPOTENT_RECEIPT_CONTEXT, found);
      return {
        reportId: found.reportId,
        reportNo: found.reportNo,
        caseNo: found.caseNo,
        receiptCode,
        status: 'received',
      };
    },
  };
}

export type Idempotency = ReturnType<typeof createIdempotency>;
