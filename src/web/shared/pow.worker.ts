import { solve } from './sha256.js';

/** Solves proof-of-work challenges off the main thread: `{ challenge, difficulty }` in, `{ challenge, nonce }` out. */
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ challenge: string; difficulty: number }>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const { challenge, difficulty } = event.data;
  scope.postMessage({ challenge, nonce: difficulty > 0 ? solve(challenge, difficulty) : '0' });
};
