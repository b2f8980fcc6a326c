import type { DerivedKeys } from './crypto/keys.js';
import type { DbOrTx } from './db/pool.js';
import { deleteExpiredBuckets, hitBucket, readBucket } from './db/rate-limit.repository.js';
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

  return {
    /** Throws 429 (with Retry-After) when the subject has used up the rule's allowance. */
    async assertAllowed(rule: RateLimitRule, subject: string): Promise<void> {
      const bucket = await readBucket(db, bucketKey(rule, subject));
      if (bucket && bucket.count >= rule.limit) {
        const seconds = retryAfter(bucket.expiresAt);
        onLimited(rule.name);
        throw new AppError('rate_limited', 429, { retryAfter: seconds }, undefined, {
          'retry-after': String(seconds),
        });
      }
    },

    /** Counts one use (e.g. one failed attempt) against the subject. */
    async count(rule: RateLimitRule, subject: string): Promise<number> {
      if (Math.random() < 0.01) await deleteExpiredBuckets(db, 1000);
      return (await hitBucket(db, bucketKey(rule, subject), rule.windowSeconds)).count;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
