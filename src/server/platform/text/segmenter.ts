import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../ts-worker.js';
import { searchTokens } from './segment.js';

/** Search tokens of texts (see `searchTokens`), in this thread or in a worker thread. */
export interface Segmenter {
  tokens(text: string): Promise<string[]>;
  close(): Promise<void>;
}

export type TSegmenterMode = 'thread' | 'inline';

/** A batch sent to the worker, and its answer: each text's tokens joined by spaces (tokens hold none). */
export interface TSegmentRequest {
  id: number;
  texts: string[];
}
export interface TSegmentResponse {
  id: number;
  tokens: string[];
}

export function createSegmenter(mode: TSegmenterMode, onFailure: (err: unknown) => void): Segmenter {
  return mode === 'thread' ? threadSegmenter(onFailure) : inlineSegmenter();
}

function inlineSegmenter(): Segmenter {
  return { tokens: async (text) => searchTokens(text), close: async () => {} };
}

/** The worker thread, unreferenced until it owes answers. */
function startWorker(): Worker {
  const worker = startTsWorker(new URL('./segment.worker.ts', import.meta.url));
  worker.unref();
  return worker;
}

/**
 * jieba in one worker thread, so that the server's event loop does not spend a tenth of each report on it.
 * Texts that arrive in the same turn of the event loop go as one message. Should the worker fail or exit, the
 * texts it held and every later one are segmented in this thread: a report is never refused for want of tokens.
 */
export function threadSegmenter(
  onFailure: (err: unknown) => void,
  spawn: () => Worker = startWorker,
): Segmenter {
  type Waiting = { text: string; resolve: (tokens: string[]) => void };
  /** Started on first use (most CLI commands never segment); undefined again once failed or closed. */
  let worker: Worker | undefined;
  let state: 'idle' | 'running' | 'stopped' = 'idle';
  let nextId = 0;
  let queue: Waiting[] = [];
  const sent = new Map<number, Waiting[]>();

  const inline = (batch: Waiting[]) => {
    for (const w of batch) w.resolve(searchTokens(w.text));
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
    w.on('message', ({ id, tokens }: TSegmentResponse) => {
      const batch = sent.get(id);
      sent.delete(id);
      if (sent.size === 0) w.unref();
      batch?.forEach((item, i) => {
        const joined = tokens[i] ?? '';
        item.resolve(joined === '' ? [] : joined.split(' '));
      });
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`segmenter worker exited with code ${code}`)));
    state = 'running';
    return w;
  }

  function flush(): void {
    const batch = queue;
    queue = [];
    if (state === 'idle') {
      try {
        worker = start();
      } catch (err) {
        state = 'running';
        fail(err);
      }
    }
    if (!worker) {
      inline(batch);
      return;
    }
    const id = nextId++;
    // Referenced while it owes answers (a script awaiting tokens must not exit), unreferenced when idle.
    if (sent.size === 0) worker.ref();
    sent.set(id, batch);
    worker.postMessage({ id, texts: batch.map((w) => w.text) } satisfies TSegmentRequest);
  }

  return {
    tokens(text: string): Promise<string[]> {
      if (state === 'stopped') return Promise.resolve(searchTokens(text));
      return new Promise((resolve) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ text, resolve });
      });
    },
    async close(): Promise<void> {
      const w = worker;
      stop();
      await w?.terminate();
    },
  };
}
