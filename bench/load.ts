/** Runs autocannon loads in a worker thread (./load-worker.ts), off the server's event loop. */
import { Worker } from 'node:worker_threads';

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

/**
 * Worker threads do not inherit tsx's loader on Node 20, so the worker is a tiny script that loads the
 * TypeScript worker module through tsx's API.
 */
const TSX_API = JSON.stringify(import.meta.resolve('tsx/esm/api'));
const WORKER_MODULE = JSON.stringify(new URL('./load-worker.ts', import.meta.url).href);
const PARENT = JSON.stringify(import.meta.url);
const WORKER_BOOTSTRAP = `import(${TSX_API}).then(({ tsImport }) => tsImport(${WORKER_MODULE}, ${PARENT}))`;

const running = new Set<Worker>();

/** Stops every running load (e.g. on Ctrl-C, so that the server can close). */
export async function stopLoads(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.terminate()));
}

export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData: job });
    running.add(worker);
    let settled = false;
    worker.once('message', (message: { result?: LoadResult; error?: string }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`load worker failed: ${message.error}`));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      running.delete(worker);
      if (!settled) reject(new Error(`load worker exited with code ${code} before reporting`));
    });
  });
}
