/** A computation for offload.test.ts, and (run as a worker) its worker module. */
import { isMainThread } from 'node:worker_threads';
import { serveOffload } from './offload.js';

export interface TFixtureContext {
  factor: number;
}

/** Multiplies by the context's factor; a negative item throws. */
export function multiply(
  items: number[],
  context: TFixtureContext,
): { n: number; thread: 'main' | 'worker' }[] {
  return items.map((n) => {
    if (n < 0) throw new Error(`negative item ${n}`);
    return { n: n * context.factor, thread: isMainThread ? 'main' : 'worker' };
  });
}

if (!isMainThread) serveOffload(multiply);
