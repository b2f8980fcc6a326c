import { createBatcher } from './batcher.js';
import type { DerivedKeys } from './crypto/keys.js';
import type { DbOrTx } from './db/pool.js';
import { deleteSpentChallenges, spendAndHit } from './db/submission-guard.repository.js';
import { AppError } from './errors.js';
import { issueChallenge, type TPowChallenge, type TPowProof, verifyProof } from './pow.js';
import type { RateLimiter, RateLimitRule } from './rate-limit.js';

export interface SubmissionGuardOptions {
  db: DbOrTx;
  keys: DerivedKeys;
  rateLimiter: RateLimiter;
  /** Leading zero bits a proof must have; 0 turns proof of work off. */
  difficulty: number;
  /** Submissions allowed per client address per window. */
  rule: RateLimitRule;
}

interface TGuardItem {
  proof: TPowProof | undefined;
  bucket: string;
}

interface TGuardResult {
  spent: boolean;
  count: number;
  expiresAt: Date;
}

/**
 * The brake on submission floods of a public channel: a proof of work (stateless HMAC-signed challenge,
 * checked in memory) and a per-address rate limit. Spending the challenge and counting the address happen
 * in one statement shared by concurrent submissions (group commit, like the intake itself).
 */
export function createSubmissionGuard(options: SubmissionGuardOptions) {
  const { db, rateLimiter, rule, difficulty } = options;
  const key = options.keys.get('pow-challenge');

  async function run(items: TGuardItem[]): Promise<TGuardResult[]> {
    if (Math.random() < 0.01) await deleteSpentChallenges(db, 1000);
    const seen = new Set<string>();
    const fresh = items.map((i) => {
      if (!i.proof || seen.has(i.proof.id)) return false;
      seen.add(i.proof.id);
      return true;
    });
    const spend = items.flatMap((i, n) => (i.proof && fresh[n] ? [i.proof] : []));
    const rows = await spendAndHit(
      db,
      spend,
      items.map((i) => i.bucket),
      rule.windowSeconds,
    );
    const spentIds = new Set(rows.filter((r) => r.kind === 'spent').map((r) => r.key));
    const buckets = new Map(rows.filter((r) => r.kind === 'bucket').map((r) => [r.key, r]));
    const hits = new Map<string, number>();
    for (const i of items) hits.set(i.bucket, (hits.get(i.bucket) ?? 0) + 1);
    const position = new Map<string, number>();
    return items.map((i, n) => {
      const bucket = buckets.get(i.bucket);
      const before = position.get(i.bucket) ?? 0;
      position.set(i.bucket, before + 1);
      const total = bucket?.count ?? 0;
      return {
        spent: !i.proof || (fresh[n] === true && spentIds.has(i.proof.id)),
        count: total - (hits.get(i.bucket) ?? 0) + before + 1,
        expiresAt: bucket?.expires_at ?? new Date(),
      };
    });
  }

  const batcher = createBatcher<TGuardItem, TGuardResult>({ run, maxBatch: 64, maxInFlight: 2 });

  return {
    difficulty,

    /** A fresh challenge (nothing is stored until it is spent). */
    challenge(): TPowChallenge {
      return issueChallenge(key, difficulty);
    },

    /**
     * Admits one submission or throws: 428 for a missing, wrong, expired or reused proof (when proof of work
     * is on), 429 with Retry-After when the address has used up its allowance.
     */
    async admit(proofHeader: string | undefined, clientAddress: string): Promise<void> {
      let proof: TPowProof | undefined;
      if (difficulty > 0) {
        const checked = verifyProof(key, proofHeader, difficulty);
        if (typeof checked === 'string') throw new AppError(checked, 428);
        proof = checked;
      }
      const result = await batcher.add({ proof, bucket: rateLimiter.bucketKey(rule, clientAddress) });
      if (!result.spent) throw new AppError('pow_reused', 428);
      if (result.count > rule.limit) throw rateLimiter.limited(rule, result.expiresAt);
    },
  };
}

export type SubmissionGuard = ReturnType<typeof createSubmissionGuard>;
