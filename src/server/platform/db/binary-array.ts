/**
 * One-dimensional arrays in PostgreSQL's binary wire format (what `array_recv` reads), for the element types the
 * hot statements cast their array parameters to. PostgreSQL reads a text array literal character by character
 * (quotes, backslashes) and then parses each element (a uuid from 36 hex characters, bytea from hex, a timestamp
 * from its text): for the intake statement's columns that was a tenth of PostgreSQL's time. In binary each element
 * is its length and its bytes.
 */

import { jsonArrayLiteral } from './array-literal.js';

/** Element types by the name a statement casts its parameter to (`$1::uuid[]`), with their type OIDs. */
const ELEMENT_OIDS = {
  uuid: 2950,
  text: 25,
  bytea: 17,
  int: 23,
  integer: 23,
  int4: 23,
  bigint: 20,
  int8: 20,
  boolean: 16,
  bool: 16,
  timestamptz: 1184,
} as const;

export type TBinaryElement = keyof typeof ELEMENT_OIDS;
/** `jsonb` elements are written only for `JsonbValues` (a plain array's strings are JSON text as they stand). */
type TElement = TBinaryElement | 'jsonb';
const JSONB_OID = 3802;
/** The version byte that starts jsonb's binary form: JSON text follows. */
const JSONB_VERSION = 1;

function isBinaryElement(type: string): type is TBinaryElement {
  return Object.hasOwn(ELEMENT_OIDS, type);
}

/** Value of each ASCII hex digit by its code; 255 for any other character. */
const HEX_DIGITS = new Uint8Array(128).fill(255);
for (let d = 0; d < 16; d++) {
  HEX_DIGITS[d.toString(16).charCodeAt(0)] = d;
  HEX_DIGITS[d.toString(16).toUpperCase().charCodeAt(0)] = d;
}
/** Exactly what `Date.prototype.toISOString` writes (years 0000–9999). */
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;
const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

/** An element's bytes, or undefined when it has no binary form here (the caller then sends the array as text). */
type Encoded = Buffer | Uint8Array | string | number | bigint | boolean | null;

function element(type: TElement, value: unknown): Encoded | undefined {
  if (type === 'jsonb') {
    // As `jsonArrayLiteral`: null is JSON's null, undefined (no JSON) is SQL NULL.
    const json = value === undefined ? undefined : JSON.stringify(value);
    return json === undefined ? null : json;
  }
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'uuid':
      // The digits are checked as they are written (`write`).
      return typeof value === 'string' && value.length === 36 ? value : undefined;
    case 'text':
      return typeof value === 'string' ? value : undefined;
    case 'bytea':
      return value instanceof Uint8Array ? value : undefined;
    case 'int':
    case 'integer':
    case 'int4':
      return Number.isInteger(value) && (value as number) >= INT4_MIN && (value as number) <= INT4_MAX
        ? (value as number)
        : undefined;
    case 'bigint':
    case 'int8': {
      const n =
        typeof value === 'bigint'
          ? value
          : Number.isSafeInteger(value)
            ? BigInt(value as number)
            : typeof value === 'string' && /^-?\d{1,19}$/.test(value)
              ? BigInt(value)
              : undefined;
      return n !== undefined && n >= INT8_MIN && n <= INT8_MAX ? n : undefined;
    }
    case 'boolean':
    case 'bool':
      return typeof value === 'boolean' ? value : undefined;
    case 'timestamptz': {
      const ms =
        value instanceof Date
          ? value.getTime()
          : typeof value === 'string' && ISO_INSTANT.test(value)
            ? Date.parse(value)
            : Number.NaN;
      return Number.isFinite(ms) ? BigInt(ms - PG_EPOCH_MS) * 1000n : undefined;
    }
  }
}

/** Upper bound of an element's encoded size (strings: three bytes a UTF-16 unit at most). */
function maxSize(type: TElement, value: Encoded): number {
  if (value === null) return 0;
  if (typeof value === 'string') return type === 'uuid' ? 16 : (type === 'jsonb' ? 1 : 0) + value.length * 3;
  if (value instanceof Uint8Array) return value.byteLength;
  if (typeof value === 'boolean') return 1;
  return typeof value === 'number' ? 4 : 8;
}

/** Writes one element's bytes at `at`; returns their number, or -1 for a uuid not in canonical form. */
function write(buf: Buffer, at: number, type: TElement, value: Exclude<Encoded, null>): number {
  if (type === 'jsonb') {
    buf[at] = JSONB_VERSION;
    return 1 + buf.write(value as string, at + 1, 'utf8');
  }
  if (type === 'uuid') {
    // Canonical form only (8-4-4-4-12 hex digits), digit by digit: a regular expression and Buffer's hex writer
    // each cost more than this whole loop.
    const s = value as string;
    let j = at;
    for (let i = 0; i < 36; i += 2) {
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (s.charCodeAt(i) !== 45) return -1;
        i++;
      }
      const hi = HEX_DIGITS[s.charCodeAt(i)] ?? 255;
      const lo = HEX_DIGITS[s.charCodeAt(i + 1)] ?? 255;
      if (hi === 255 || lo === 255) return -1;
      buf[j++] = (hi << 4) | lo;
    }
    return 16;
  }
  if (typeof value === 'string') return buf.write(value, at, 'utf8');
  if (value instanceof Uint8Array) {
    buf.set(value, at);
    return value.byteLength;
  }
  if (typeof value === 'boolean') return buf.writeUInt8(value ? 1 : 0, at) - at;
  if (typeof value === 'number') return buf.writeInt32BE(value, at) - at;
  return buf.writeBigInt64BE(value, at) - at;
}

/**
 * `values` as a one-dimensional PostgreSQL array of `type` in binary format (NULL for null or undefined), or
 * undefined when an element is not a value this writes exactly as PostgreSQL would read its text: a uuid not in
 * canonical form, a number out of range, a timestamp not in `toISOString` form, a nested array, a string for a
 * number. Those arrays go as text literals, so PostgreSQL parses (or refuses) them as it always did.
 */
export function binaryArray(type: TBinaryElement, values: readonly unknown[]): Buffer | undefined {
  return encodeArray(type, values);
}

function encodeArray(type: TElement, values: readonly unknown[]): Buffer | undefined {
  const encoded: Encoded[] = new Array(values.length);
  let size = values.length > 0 ? 20 : 12;
  let hasNull = 0;
  for (let i = 0; i < values.length; i++) {
    const e = element(type, values[i]);
    if (e === undefined) return undefined;
    if (e === null) hasNull = 1;
    encoded[i] = e;
    size += 4 + maxSize(type, e);
  }
  const buf = Buffer.allocUnsafe(size);
  buf.writeInt32BE(values.length > 0 ? 1 : 0, 0);
  buf.writeInt32BE(hasNull, 4);
  buf.writeInt32BE(type === 'jsonb' ? JSONB_OID : ELEMENT_OIDS[type], 8);
  if (values.length === 0) return buf;
  buf.writeInt32BE(values.length, 12);
  buf.writeInt32BE(1, 16);
  let at = 20;
  for (const e of encoded) {
    if (e === null) {
      buf.writeInt32BE(-1, at);
      at += 4;
      continue;
    }
    const n = write(buf, at + 4, type, e);
    if (n < 0) return undefined;
    buf.writeInt32BE(n, at);
    at += 4 + n;
  }
  return buf.subarray(0, at);
}

/**
 * The values of a `jsonb[]` parameter, each as its JSON (undefined as SQL NULL). `queryPrepared` sends them in
 * binary (each element jsonb's version byte and the JSON text) when the statement casts the parameter to
 * `jsonb[]`; anywhere else node-postgres writes them as a text literal (`toPostgres`). The text form quotes
 * every JSON text as an array element, so PostgreSQL unquoted it again character by character.
 */
export class JsonbValues {
  constructor(readonly values: readonly unknown[]) {}

  toPostgres(): string {
    return jsonArrayLiteral(this.values);
  }

  toBinary(): Buffer {
    return encodeArray('jsonb', this.values) as Buffer;
  }
}

/**
 * A parameter's binary form, given the type the statement casts it to as an array (`$3::uuid[]` → `uuid`): a plain
 * array of one of `binaryArray`'s element types, or `JsonbValues` cast to `jsonb`. Undefined for anything else
 * (no such cast, a value without an exact binary form): the caller sends it as text.
 */
export function binaryParam(cast: string | undefined, value: unknown): Buffer | undefined {
  if (value instanceof JsonbValues) return cast === 'jsonb' ? value.toBinary() : undefined;
  if (!Array.isArray(value) || cast === undefined || !isBinaryElement(cast)) return undefined;
  return binaryArray(cast, value);
}
