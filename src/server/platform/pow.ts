import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a challenge stays valid. */
export const POW_TTL_MS = 5 * 60_000;

export interface TPowChallenge {
  challenge: string;
  difficulty: number;
}

/** A proof that passed the in-memory checks; `id` is what single use is enforced on. */
export interface TPowProof {
  id: string;
  expiresAt: Date;
}

export type TPowFailure = 'pow_required' | 'pow_invalid' | 'pow_expired';

const sign = (key: Buffer, body: string) =>
  createHmac('sha256', key).update(body, 'utf8').digest().subarray(0, 16).toString('base64url');

/**
 * A stateless challenge: `v1.<expiry ms>.<difficulty>.<random id>.<HMAC>`. Nothing is stored when it is
 * issued; the HMAC proves it came from us, the expiry bounds it, and the random id is spent once.
 */
export function issueChallenge(key: Buffer, difficulty: number, now = Date.now()): TPowChallenge {
  const body = `v1.${now + POW_TTL_MS}.${difficulty}.${randomBytes(16).toString('base64url')}`;
  return { challenge: `${body}.${sign(key, body)}`, difficulty };
}

/** Number of leading zero bits of a digest. */
export function leadingZeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function powDigest(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`, 'utf8').digest();
}

/** Finds a nonce for a challenge (what a client does; used by tests and tools). */
export function solveChallenge(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(powDigest(challenge, String(n))) >= difficulty) return String(n);
  }
}

const HEADER = /^(v1\.\d{1,15}\.\d{1,2}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}):(\d{1,20})$/;

/**
 * Checks an `X-Proof-Of-Work: <challenge>:<nonce>` header in memory: our signature, not expired, at least
 * `minDifficulty` bits asked, and the hash really has them. Returns the proof or why it failed.
 */
export function verifyProof(
  key: Buffer,
  header: string | undefined,
  minDifficulty: number,
  now = Date.now(),
): TPowProof | TPowFailure {
  if (!header) return 'pow_required';
  const match = HEADER.exec(header.trim());
  if (!match) return 'pow_invalid';
  const [, challenge = '', nonce = ''] = match;
  const dot = challenge.lastIndexOf('.');
  const body = challenge.slice(0, dot);
  const given = Buffer.from(challenge.slice(dot + 1));
  const expected = Buffer.from(sign(key, body));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'pow_invalid';
  const [, expiry = '0', difficulty = '0', id = ''] = body.split('.');
  if (Number(expiry) <= now) return 'pow_expired';
  const bits = Number(difficulty);
  if (bits < minDifficulty || leadingZeroBits(powDigest(challenge, nonce)) < bits) return 'pow_invalid';
  return { id, expiresAt: new Date(Number(expiry)) };
}
