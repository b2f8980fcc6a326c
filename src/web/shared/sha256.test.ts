import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPrefixHasher, leadingZeroBits, sha256Hex, solve } from './sha256.js';

const nodeHex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('the browser SHA-256 used for proof of work', () => {
  it('matches node:crypto for empty, short, block-boundary, multi-block and non-ASCII input', () => {
    const inputs = [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'b'.repeat(119),
      'c'.repeat(300),
      '清朗举报:42',
    ];
    for (const s of inputs) expect(sha256Hex(s)).toBe(nodeHex(s));
  });

  it('hashes a long prefix plus tails like the whole string', () => {
    const prefix = `v1.1790000000000.18.${'x'.repeat(22)}.${'y'.repeat(22)}:`;
    const hash = createPrefixHasher(prefix);
    for (const tail of ['0', '7', '123456', '99999999999']) {
      const hex = Array.from(hash(tail), (w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
      expect(hex).toBe(nodeHex(prefix + tail));
    }
  });

  it('finds a nonce the server-side check accepts', () => {
    const challenge = 'v1.1790000000000.12.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUV';
    const nonce = solve(challenge, 12);
    const digest = createHash('sha256').update(`${challenge}:${nonce}`).digest();
    expect(digest[0]).toBe(0);
    expect((digest[1] as number) >> 4).toBe(0);
    expect(leadingZeroBits(new Uint32Array([0, 0x0fffffff]))).toBe(36);
  });
});
