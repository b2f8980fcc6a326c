import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth by code unit, drops undefined members, keeps array holes as null', () => {
    const value = {
      b: 1,
      a: { z: [3, undefined, { y: 'é', x: null }], m: undefined, B: true },
      中: '文',
      A: new Date('2026-11-28T00:00:00Z'),
    };
    expect(canonicalJson(value)).toBe(
      '{"A":"2026-11-28T00:00:00.000Z","a":{"B":true,"z":[3,null,{"x":null,"y":"é"}]},"b":1,"中":"文"}',
    );
  });

  it('gives the same text for the same value whatever the key order, and JSON that parses back', () => {
    const one = canonicalJson({ x: 1, y: { p: 'q', o: [1, 2] } });
    const two = canonicalJson({ y: { o: [1, 2], p: 'q' }, x: 1 });
    expect(one).toBe(two);
    expect(JSON.parse(one)).toEqual({ x: 1, y: { p: 'q', o: [1, 2] } });
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson({ only: undefined })).toBe('{}');
  });
});
