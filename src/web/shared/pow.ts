import { api } from './api.js';

interface TSolved {
  header: string;
  expiresAt: number;
}

/** Seconds of validity a proof must have left to be used (the rest of the submit must fit in it). */
const MARGIN_MS = 30_000;

function expiryOf(challenge: string): number {
  const expiry = Number(challenge.split('.')[1]);
  return Number.isFinite(expiry) ? expiry : Date.now() + 60_000;
}

/**
 * Keeps one proof of work ready: fetches a challenge from GET /api/v1/pow and solves it in a Web Worker
 * while the person is still typing, so submitting does not wait. A proof is single use: `take()` hands the
 * ready one out and starts on the next; a proof about to expire is replaced.
 */
export function createProofOfWork() {
  let worker: Worker | undefined;
  let pending: Promise<TSolved> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function solveInWorker(challenge: string, difficulty: number): Promise<string> {
    worker ??= new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
    const w = worker;
    return new Promise((resolve, reject) => {
      const onMessage = (e: MessageEvent<{ challenge: string; nonce: string }>) => {
        if (e.data.challenge !== challenge) return;
        w.removeEventListener('message', onMessage);
        resolve(e.data.nonce);
      };
      w.addEventListener('message', onMessage);
      w.addEventListener('error', reject, { once: true });
      w.postMessage({ challenge, difficulty });
    });
  }

  async function next(): Promise<TSolved> {
    const { challenge, difficulty } = await api<{ challenge: string; difficulty: number }>('/api/v1/pow');
    const nonce = await solveInWorker(challenge, difficulty);
    const expiresAt = expiryOf(challenge);
    clearTimeout(timer);
    // Refresh shortly before expiry so a slow writer still has a valid proof ready.
    timer = setTimeout(
      () => {
        pending = next();
        pending.catch(() => undefined);
      },
      Math.max(1000, expiresAt - Date.now() - MARGIN_MS),
    );
    return { header: `${challenge}:${nonce}`, expiresAt };
  }

  function prepare(): void {
    if (!pending) {
      pending = next();
      pending.catch(() => {
        pending = undefined;
      });
    }
  }

  return {
    /** Starts fetching and solving a challenge if none is ready or in progress. */
    prepare,
    /** The `X-Proof-Of-Work` header value for one submission; starts preparing the next. */
    async take(): Promise<string> {
      prepare();
      let solved = await (pending as Promise<TSolved>);
      if (solved.expiresAt - Date.now() < MARGIN_MS) {
        pending = next();
        solved = await pending;
      }
      pending = undefined;
      prepare();
      return solved.header;
    },
    dispose(): void {
      clearTimeout(timer);
      worker?.terminate();
      worker = undefined;
      pending = undefined;
    },
  };
}

export type ProofOfWork = ReturnType<typeof createProofOfWork>;
