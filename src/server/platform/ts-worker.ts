import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running a TypeScript module. Qinglang runs through tsx, and on Node 20 a worker thread does not
 * inherit tsx's loader, so the worker starts from a one-line bootstrap that loads the module through tsx's API.
 */
export function startTsWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const api = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const parent = JSON.stringify(import.meta.url);
  const bootstrap = `import(${api}).then(({ tsImport }) => tsImport(${JSON.stringify(module.href)}, ${parent}))`;
  return new Worker(bootstrap, { ...options, eval: true });
}
