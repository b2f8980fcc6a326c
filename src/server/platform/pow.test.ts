import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  issueChallenge,
  leadingZeroBits,
  POW_TTL_MS,
  powDigest,
  solveChallenge,
  verifyProof,
} from './pow.js';

const key = randomBytes(32);

describe('proof of work', () => {
  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0xff]))).toBe(0);
    expect(leadingZeroBits(Buffer.from([0x00, 0x10]))).toBe(11);
    expect(leadingZeroBits(Buffer.from([0x00, 0x00]))).toBe(16);
  });

  it('accepts a solved challenge and refuses forged, wrong, expired and too easy ones', () => {
    const { challenge, difficulty } = issueChallenge(key, 10);
    const nonce = solveChallenge(challenge, difficulty);
    expect(leadingZeroBits(powDigest(challenge, nonce))).toBeGreaterThanOrEqual(10);
    const proof = verifyProof(key, `${challenge}:${nonce}`, 10);
    expect(proof).toMatchObject({ id: challenge.split('.')[3] });

    expect(verifyProof(key, undefined, 10)).toBe('pow_required');
    expect(verifyProof(key, 'garbage', 10)).toBe('pow_invalid');
    expect(verifyProof(randomBytes(32), `${challenge}:${nonce}`, 10)).toBe('pow_invalid');
    let wrong = Number(nonce) + 1;
    while (leadingZeroBits(powDigest(challenge, String(wrong))) >= 10) wrong++;
    expect(verifyProof(key, `${challenge}:${wrong}`, 10)).toBe('pow_invalid');
    expect(verifyProof(key, `${challenge}:${nonce}`, 10, Date.now() + POW_TTL_MS + 1)).toBe('pow_expired');
    const easy = issueChallenge(key, 1);
    expect(verifyProof(key, `${easy.challenge}:${solveChallenge(easy.challenge, 1)}`, 10)).toBe(
      'pow_invalid',
    );
    const tampered = challenge.replace(/^v1\.\d+/, `v1.${Date.now() + 10 * POW_TTL_MS}`);
    expect(verifyProof(key, `${tampered}:${nonce}`, 10)).toBe('pow_invalid');
  });
});
