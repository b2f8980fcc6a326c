import type { DerivedKeys } from './crypto/keys.js';
import type { DbOrTx } from './db/pool.js';
import { deleteExpiredBuckets, hitBucket, readBucket, refundBucket } from './db/rate-limit.repository.js';
import { AppError } from './errors.js';

export interface RateLimitRule {
  name: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Rate limits kept in PostgreSQL (shared by every instance, rows expire). Client addresses are never stored:
 * bucket keys hold an HMAC of the address under a key derived from the master key.
 */
export function createRateLimiter(
  db: DbOrTx,
  keys: DerivedKeys,
  onLimited: (rule: string) => void = () => {},
) {
  const bucketKey = (rule: RateLimitRule, subject: string) =>
    `${rule.name}:${keys.hmac('rate-limit', subject).subarray(0, 16).toString('base64url')}`;

  const retryAfter = (expiresAt: Date) => Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000));

  /** The 429 answer for a rule, with Retry-After until the window ends. */
  const limited = (rule: RateLimitRule, expiresAt: Date): AppError => {
    const seconds = retryAfter(expiresAt);
    onLimited(rule.name);
    return new AppError('rate_limited', 429, { retryAfter: seconds }, undefined, {
      'retry-after': String(seconds),
    });
  };

  /** Counts one use and returns the window's total so far and when it ends. */
  const hit = async (rule: RateLimitRule, subject: string): Promise<{ count: number; expiresAt: Date }> => {
    if (Math.random() < 0.01) await deleteExpiredBuckets(db, 1000);
    return hitBucket(db, bucketKey(rule, subject), rule.windowSeconds);
  };

  return {
    bucketKey,
    limited,
    hit,

    /** The current (unexpired) total of a subject: 0 when it has none. */
    async peek(rule: RateLimitRule, subject: string): Promise<{ count: number; expiresAt: Date }> {
      return (await readBucket(db, bucketKey(rule, subject))) ?? { count: 0, expiresAt: new Date() };
    },

    /** Gives back one use counted by `hit` (an attempt that should not have cost anything). */
    async refund(rule: RateLimitRule, subject: string): Promise<void> {
      await refundBucket(db, bucketKey(rule, subject));
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
