import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { arrayLiteral, jsonArrayLiteral } from './array-literal.js';
import { binaryArray, JsonbValues, type TBinaryElement } from './binary-array.js';
import { queryPrepared } from './pool.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ empty: true });
});
afterAll(async () => {
  await t?.drop();
});

/** What PostgreSQL reads from the parameter, as text (one row per element, in order). */
async function read(type: string, value: Buffer | string): Promise<(string | null)[]> {
  const { rows } = await t.pool.query<{ v: string | null }>({
    text: `SELECT x::text AS v FROM unnest($1::${type}[]) WITH ORDINALITY AS u(x, n) ORDER BY n`,
    values: [value],
  });
  return rows.map((r) => r.v);
}

/** Binary and text forms of the same array read the same in PostgreSQL. */
async function expectSameAsText(type: TBinaryElement, values: unknown[]) {
  const binary = binaryArray(type, values);
  expect(binary).toBeInstanceOf(Buffer);
  expect(await read(type, binary as Buffer)).toEqual(await read(type, arrayLiteral(values)));
}

describe('binaryArray', () => {
  it('is read by PostgreSQL as the same values as the text literal, for every element type', async () => {
    await expectSameAsText('uuid', [randomUUID(), null, randomUUID().toUpperCase()]);
    await expectSameAsText('text', ['中文，标点 "quoted" back\\slash', '', null, 'emoji 😀 {a,b}', 'NULL']);
    await expectSameAsText('bytea', [Buffer.from([0, 1, 254, 255]), new Uint8Array([7, 8]), null]);
    await expectSameAsText('int', [0, -1, 2 ** 31 - 1, -(2 ** 31), null]);
    await expectSameAsText('bigint', [0n, -(2n ** 63n), 2n ** 63n - 1n, 42, '-9007199254740993', null]);
    await expectSameAsText('boolean', [true, false, null]);
    await expectSameAsText('timestamptz', [
      new Date('2026-12-06T07:30:00.123Z'),
      '1999-12-31T23:59:59.999Z',
      '1969-07-20T20:17:40.000Z',
      null,
    ]);
    await expectSameAsText('text', []);
  });

  it('agrees with the text literal on any strings', async () => {
    const strings = fc.array(fc.option(fc.string({ unit: 'grapheme', maxLength: 40 }), { nil: null }), {
      maxLength: 8,
    });
    const samples = fc.sample(strings, 50);
    for (const s of samples) await expectSameAsText('text', s);
  });

  it('declines what it cannot write exactly as PostgreSQL would read the text', () => {
    expect(binaryArray('uuid', ['not-a-uuid'])).toBeUndefined();
    expect(binaryArray('uuid', ['{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'])).toBeUndefined();
    expect(binaryArray('uuid', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g'])).toBeUndefined();
    expect(binaryArray('uuid', ['a0eebc999c0b-4ef8-bb6d-6bb9bd380a11-'])).toBeUndefined();
    expect(binaryArray('uuid', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1é'])).toBeUndefined();
    expect(binaryArray('int', [2 ** 31])).toBeUndefined();
    expect(binaryArray('int', [1.5])).toBeUndefined();
    expect(binaryArray('int', ['7'])).toBeUndefined();
    expect(binaryArray('bigint', [2n ** 63n])).toBeUndefined();
    expect(binaryArray('timestamptz', ['2026-12-06 15:30:00+08'])).toBeUndefined();
    expect(binaryArray('timestamptz', [new Date(Number.NaN)])).toBeUndefined();
    expect(binaryArray('text', [['nested']])).toBeUndefined();
    expect(binaryArray('text', [3])).toBeUndefined();
    expect(binaryArray('bytea', ['\\x00'])).toBeUndefined();
  });
});

describe('JsonbValues', () => {
  const values = [
    { a: 'b "quoted"', c: ['中文，标点', null], d: 'back\\slash\n换行' },
    null,
    undefined,
    'a string',
    3,
    [],
    { sep: '\u2028', emoji: '😀' },
  ];

  it('is read by PostgreSQL in binary as the same jsonb values as its text literal', async () => {
    const jsonb = new JsonbValues(values);
    expect(jsonb.toPostgres()).toBe(jsonArrayLiteral(values));
    expect(await read('jsonb', jsonb.toBinary())).toEqual(await read('jsonb', jsonb.toPostgres()));
    expect(await read('jsonb', new JsonbValues([]).toBinary())).toEqual([]);
  });

  it('goes in binary through queryPrepared and as text through drizzle, with the same values', async () => {
    const statement = () =>
      sql`SELECT x::text AS v FROM unnest(${sql.param(new JsonbValues(values))}::jsonb[]) WITH ORDINALITY AS u(x, n)
           ORDER BY n`;
    const prepared = await queryPrepared<{ v: string | null }>(t.db, statement());
    const executed = await t.db.execute<{ v: string | null }>(statement());
    expect(prepared).toEqual(executed.rows);
    expect(prepared.map((r) => r.v)).toEqual([
      '{"a": "b \\"quoted\\"", "c": ["中文，标点", null], "d": "back\\\\slash\\n换行"}',
      'null',
      null,
      '"a string"',
      '3',
      '[]',
      '{"sep": "\u2028", "emoji": "😀"}',
    ]);
  });
});

describe('queryPrepared array parameters', () => {
  it('sends arrays cast to a known element type in binary, others as text, with the same results', async () => {
    const id = randomUUID();
    const rows = await queryPrepared<{ id: string; n: number; words: string; at: Date; tags: string[][] }>(
      t.db,
      sql`SELECT u.id::text, u.n, u.words, u.at, ${sql.param([['a', 'b']])}::text[][] AS tags
            FROM unnest(${sql.param([id])}::uuid[], ${sql.param([7])}::int[], ${sql.param(['词 "x"'])}::text[],
                        ${sql.param(['2026-12-06T07:30:00.000Z'])}::timestamptz[]) AS u(id, n, words, at)`,
    );
    expect(rows).toEqual([
      { id, n: 7, words: '词 "x"', at: new Date('2026-12-06T07:30:00.000Z'), tags: [['a', 'b']] },
    ]);
  });

  it('leaves values it declines to PostgreSQL, which refuses them as it always did', async () => {
    await expect(
      queryPrepared(t.db, sql`SELECT * FROM unnest(${sql.param(['not-a-uuid'])}::uuid[])`),
    ).rejects.toMatchObject({ code: '22P02' });
  });
});
