import type { DbOrTx } from './db/pool.js';
import { deleteExpiredBuckets } from './db/rate-limit.repository.js';
import { deleteDeadSessions } from './sessions/session.repository.js';

/** Removes what has expired: sessions, rate-limit buckets. Run hourly by the job queue. */
export function createHousekeeping(db: DbOrTx, extra: (() => Promise<number>)[] = []) {
  return {
    async run(): Promise<{ removed: number }> {
      let removed = (await deleteDeadSessions(db)) + (await deleteExpiredBuckets(db, 100_000));
      for (const step of extra) removed += await step();
      return { removed };
    },
  };
}
