import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayLiteral, jsonArrayLiteral } from './array-literal.js';

const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue(value: unknown): unknown;
};

describe('arrayLiteral', () => {
  it('writes what node-postgres writes for the same array', () => {
    const samples: unknown[][] = [
      [],
      ['a', 'b "quoted"', 'back\\slash', '中文，标点', '', null, undefined],
      [1, 2.5, -3, true, false, 10n],
      [Buffer.from([0, 1, 254, 255]), new Uint8Array([7, 8])],
      [['nested', null], ['x"y']],
      [{ a: 1, b: ['c'] }, '{"json":"value"}'],
      [new Date('2026-11-28T03:00:00Z')],
    ];
    for (const s of samples) expect(arrayLiteral(s)).toBe(prepareValue(s));
  });

  it('agrees with node-postgres on any strings, numbers and nulls', () => {
    const value = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 20 }), (arr) => {
        expect(arrayLiteral(arr)).toBe(prepareValue(arr));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('jsonArrayLiteral', () => {
  it('writes what arrayLiteral writes for the same values as JSON', () => {
    const samples: unknown[][] = [
      [],
      [{}, { a: 'b "quoted"', c: 'back\\slash', d: '中文，标点\n换行\t' }, null, ['x'], 'plain', 3],
      [{ lone: '\ud800', sep: '\u2028', ctrl: '\u0001\u007f' }],
    ];
    for (const s of samples) expect(jsonArrayLiteral(s)).toBe(arrayLiteral(s.map((v) => JSON.stringify(v))));
  });

  it('agrees with arrayLiteral on any JSON values', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 10 }), (arr) => {
        expect(jsonArrayLiteral(arr)).toBe(arrayLiteral(arr.map((v) => JSON.stringify(v))));
      }),
      { numRuns: 2000 },
    );
  });
});
