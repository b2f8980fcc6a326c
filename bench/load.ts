/** Runs autocannon loads in a worker thread (./load-worker.ts), off the server's event loop. */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../src/server/platform/ts-worker.js';

export interface LoadJob {
  url: string;
  path: string;
  /** JSON bodies, used in rotation so that successive requests differ. */
  bodies: string[];
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  /** Non-2xx responses plus connection errors and timeouts. */
  errors: number;
  statusCodes: Record<string, number>;
}

const running = new Set<Worker>();

/** Stops every running load (e.g. on Ctrl-C, so that the server can close). */
export async function stopLoads(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.terminate()));
}

/** Web load: autocannon in a worker thread. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return runInWorker<LoadResult>('./load-worker.ts', job);
}

/**
 * Starts a TypeScript module next to this one in a worker thread, so that it does not share the server's event
 * loop; it is terminated by `stopLoads` unless it exits first.
 */
export function startWorker(module: string, data: unknown): Worker {
  const worker = startTsWorker(new URL(module, import.meta.url), { workerData: data });
  running.add(worker);
  worker.once('exit', () => running.delete(worker));
  return worker;
}

/** Runs a load generator (see `startWorker`); resolves with the `result` it posts back. */
export function runInWorker<R>(module: string, data: unknown): Promise<R> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(module, data);
    let settled = false;
    worker.once('message', (message: { result?: R; error?: string }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`load worker failed: ${message.error}`));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}
