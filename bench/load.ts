/** Runs autocannon loads in a worker thread (./load-worker.ts), off the server's event loop. */
import { parentPort, type Worker } from 'node:worker_threads';
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

/** Stops every load generator and other bench thread (at the end, or on Ctrl-C so that the server can close). */
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
export function startWorker(module: string): Worker {
  const worker = startTsWorker(new URL(module, import.meta.url));
  running.add(worker);
  worker.once('exit', () => running.delete(worker));
  return worker;
}

/** Load generators by module: each starts once and runs every later job (see `serveLoadJobs`). */
const generators = new Map<string, { worker: Worker; busy: boolean }>();

/**
 * Runs a job on a load generator: a worker thread (see `startWorker`) started on first use and kept for the
 * jobs after it, so that a benchmark's rounds do not each pay for a fresh thread loading and compiling the
 * generator again (CPU the server under test would lose). Resolves with the `result` it posts back. The thread
 * is referenced only while it runs a job.
 */
export function runInWorker<R>(module: string, job: unknown): Promise<R> {
  let generator = generators.get(module);
  if (!generator) {
    const worker = startWorker(module);
    generator = { worker, busy: false };
    generators.set(module, generator);
    worker.once('exit', () => generators.delete(module));
  }
  const current = generator;
  if (current.busy) return Promise.reject(new Error(`load generator ${module} is already running a job`));
  current.busy = true;
  const { worker } = current;
  worker.ref();
  return new Promise<R>((resolve, reject) => {
    const settle = () => {
      current.busy = false;
      worker.unref();
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: { result?: R; error?: string }) => {
      settle();
      if (message.result) resolve(message.result);
      else reject(new Error(`load worker failed: ${message.error}`));
    };
    const onError = (err: Error) => {
      settle();
      reject(err);
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`load worker exited with code ${code} before reporting`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

/** The load generator's side: runs each job it is sent and posts back `{ result }` or `{ error }`. */
export function serveLoadJobs<J, R>(run: (job: J) => Promise<R>): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: J) => {
    run(job).then(
      (result) => port.postMessage({ result }),
      (err: unknown) => port.postMessage({ error: err instanceof Error ? err.stack : String(err) }),
    );
  });
}
