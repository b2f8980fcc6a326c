import { recordAudit } from '../../platform/audit/audit.js';
import type { DbOrTx } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { RateLimiter, RateLimitRule } from '../../platform/rate-limit.js';

export interface ReceiptGuardDeps {
  db: DbOrTx;
  rateLimiter: RateLimiter;
  /** Failed codes allowed per client address per window. */
  addressRule: RateLimitRule;
  /** Failed codes allowed across all addresses per window. */
  globalRule: RateLimitRule;
  /** Delay before answering an address with recent failures: base × 2^(failures − FREE_FAILURES), capped. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A success after at least this many failures from the same address is audited. */
  auditAfterFailures: number;
  /** Called for every code that matched nothing (metrics). */
  onFailure: () => void;
  sleep?: (ms: number) => Promise<void>;
}

/** Failures an address may make before answers to it slow down (typos happen). */
export const FREE_FAILURES = 2;
const GLOBAL = 'all-addresses';

export function backoffMs(priorFailures: number, baseMs: number, maxMs: number): number {
  if (baseMs <= 0 || priorFailures < FREE_FAILURES) return 0;
  return Math.min(maxMs, baseMs * 2 ** Math.min(priorFailures - FREE_FAILURES, 20));
}

/**
 * Bounds receipt-code guessing (look-up and session alike). Each attempt is counted against its address
 * BEFORE the code is checked (so parallel guesses cannot slip past the limit) and given back when the code
 * was right: only failures use up the allowance, so many honest people behind one CGNAT address are not
 * locked out by each other's successes. An address with recent failures waits (growing delay) before each
 * answer, then gets 429 with Retry-After; a global failure budget caps guessing spread over many addresses.
 */
export function createReceiptGuard(deps: ReceiptGuardDeps) {
  const { rateLimiter, addressRule, globalRule } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  return {
    async attempt<T extends { reportId: string }>(
      clientAddress: string,
      find: () => Promise<T | undefined>,
    ): Promise<T> {
      const mine = await rateLimiter.hit(addressRule, clientAddress);
      if (mine.count > addressRule.limit) throw rateLimiter.limited(addressRule, mine.expiresAt);
      const everyone = await rateLimiter.peek(globalRule, GLOBAL);
      if (everyone.count >= globalRule.limit) {
        await rateLimiter.refund(addressRule, clientAddress);
        throw rateLimiter.limited(globalRule, everyone.expiresAt);
      }
      const priorFailures = mine.count - 1;
      const delay = backoffMs(priorFailures, deps.backoffBaseMs, deps.backoffMaxMs);
      if (delay > 0) await sleep(delay);
      const found = await find();
      if (!found) {
        deps.onFailure();
        await rateLimiter.hit(globalRule, GLOBAL);
        throw new AppError('receipt_not_found', 404);
      }
      await rateLimiter.refund(addressRule, clientAddress);
      if (priorFailures >= deps.auditAfterFailures) {
        await recordAudit(deps.db, {
          actorType: 'reporter',
          action: 'receipt.success_after_failures',
          subjectType: 'report',
          subjectId: found.reportId,
          payload: { failures: priorFailures, windowSeconds: addressRule.windowSeconds },
        });
      }
      return found;
    },
  };
}

export type ReceiptGuard = ReturnType<typeof createReceiptGuard>;
