import { parentPort, type Worker } from 'node:worker_threads';
import { startTsWorker } from './ts-worker.js';

/**
 * A pure computation over a batch of items, given a context (configuration the items are computed with). It runs
 * in a worker thread or on the event loop with the same results, so it must not touch anything but its arguments.
 */
export type TCompute<I, O, C> = (items: I[], context: C) => O[];

export type TOffloadMode = 'thread' | 'inline';

/** Runs one item's computation; `context` objects are compared by identity (a new object is sent once). */
export interface Offload<I, O, C> {
  run(item: I, context: C): Promise<O>;
  close(): Promise<void>;
}

/** A batch sent to the worker (with the context when it changed since the last batch), and its answer. */
export interface TOffloadRequest<I, C> {
  id: number;
  items: I[];
  context?: C;
}
export interface TOffloadResponse<O> {
  id: number;
  /** Absent when the computation threw: the caller computes the batch again itself, and gets the error there. */
  results?: O[];
}

/**
 * The worker's side (call it in the worker module): answers each batch with `compute`, keeping the last context
 * it was sent. When the computation throws, the answer carries no results, and the caller computes that
 * batch's items again one by one on its own thread (so only the item that throws fails).
 */
export function serveOffload<I, O, C>(compute: TCompute<I, O, C>): void {
  let context: C | undefined;
  parentPort?.on('message', (request: TOffloadRequest<I, C>) => {
    if ('context' in request) context = request.context;
    let answer: TOffloadResponse<O>;
    try {
      answer = { id: request.id, results: compute(request.items, context as C) };
    } catch {
      answer = { id: request.id };
    }
    parentPort?.postMessage(answer);
  });
}

export function createOffload<I, O, C>(options: {
  mode: TOffloadMode;
  /** The worker module (it calls `serveOffload` with the same computation). */
  worker: URL;
  compute: TCompute<I, O, C>;
  onFailure: (err: unknown) => void;
  /** Starts the worker (tests replace it). */
  spawn?: () => Worker;
}): Offload<I, O, C> {
  if (options.mode === 'inline') {
    return {
      run: async (item, context) => computeOne(options.compute, item, context),
      close: async () => {},
    };
  }
  const spawn =
    options.spawn ??
    (() => {
      const worker = startTsWorker(options.worker);
      worker.unref();
      return worker;
    });
  return threadOffload(options.compute, options.onFailure, spawn);
}

function computeOne<I, O, C>(compute: TCompute<I, O, C>, item: I, context: C): O {
  return compute([item], context)[0] as O;
}

type Waiting<I, O, C> = { item: I; context: C; resolve: (o: O) => void; reject: (e: unknown) => void };

/**
 * One worker thread. Items that arrive in the same turn of the event loop go as one message (one per context).
 * Should the worker fail or exit, the items it held and every later one are computed on the event loop: a caller
 * is never refused for want of a thread. The worker is referenced only while it owes answers.
 */
function threadOffload<I, O, C>(
  compute: TCompute<I, O, C>,
  onFailure: (err: unknown) => void,
  spawn: () => Worker,
): Offload<I, O, C> {
  /** Started on first use (most CLI commands never need it); undefined again once failed or closed. */
  let worker: Worker | undefined;
  let state: 'idle' | 'running' | 'stopped' = 'idle';
  let nextId = 0;
  let queue: Waiting<I, O, C>[] = [];
  let sentContext: { value: C } | undefined;
  const sent = new Map<number, Waiting<I, O, C>[]>();

  const inline = (batch: Waiting<I, O, C>[]) => {
    for (const w of batch) {
      try {
        w.resolve(computeOne(compute, w.item, w.context));
      } catch (err) {
        w.reject(err);
      }
    }
  };
  const stop = () => {
    state = 'stopped';
    worker = undefined;
    for (const batch of sent.values()) inline(batch);
    sent.clear();
  };
  const fail = (err: unknown) => {
    if (state !== 'running') return;
    stop();
    onFailure(err);
  };

  function start(): Worker {
    const w = spawn();
    w.on('message', ({ id, results }: TOffloadResponse<O>) => {
      const batch = sent.get(id);
      sent.delete(id);
      if (sent.size === 0) w.unref();
      if (!batch) return;
      // A computation that threw for one item of the batch: each item again alone, so only that one fails.
      if (!results) inline(batch);
      else for (const [i, waiting] of batch.entries()) waiting.resolve(results[i] as O);
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`offload worker exited with code ${code}`)));
    state = 'running';
    return w;
  }

  function post(w: Worker, batch: Waiting<I, O, C>[]): void {
    const id = nextId++;
    // Referenced while it owes answers (a script awaiting a result must not exit), unreferenced when idle.
    if (sent.size === 0) w.ref();
    sent.set(id, batch);
    const context = (batch[0] as Waiting<I, O, C>).context;
    const request: TOffloadRequest<I, C> = { id, items: batch.map((b) => b.item) };
    if (!sentContext || sentContext.value !== context) {
      request.context = context;
      sentContext = { value: context };
    }
    w.postMessage(request);
  }

  function flush(): void {
    const waiting = queue;
    queue = [];
    if (state === 'idle') {
      try {
        worker = start();
      } catch (err) {
        state = 'running';
        fail(err);
      }
    }
    const w = worker;
    if (!w) {
      inline(waiting);
      return;
    }
    // One message per run of items sharing a context (a context changes rarely: a reloaded configuration).
    let from = 0;
    for (let i = 1; i <= waiting.length; i++) {
      if (i === waiting.length || waiting[i]?.context !== waiting[from]?.context) {
        post(w, waiting.slice(from, i));
        from = i;
      }
    }
  }

  return {
    run(item: I, context: C): Promise<O> {
      if (state === 'stopped') return new Promise((resolve) => resolve(computeOne(compute, item, context)));
      return new Promise((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ item, context, resolve, reject });
      });
    },
    async close(): Promise<void> {
      const w = worker;
      stop();
      await w?.terminate();
    },
  };
}
