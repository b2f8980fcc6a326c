import { Param, SQL, StringChunk } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { JsonbValues } from './binary-array.js';

const dialect = new PgDialect();

/** A value drizzle passes through as one parameter (`$n`). */
function isPlainValue(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'bigint' ||
    value instanceof Date ||
    Buffer.isBuffer(value) ||
    Array.isArray(value) ||
    value instanceof JsonbValues
  );
}

/**
 * The text and parameters of a statement made of text, nested `sql` and parameters — what the hot statements
 * (intake, look-ups, guards) are — by a plain walk; anything else (tables, columns, names, inlined or encoded
 * parameters, lists written as `${[a, b]}`) goes to drizzle's own compiler. Same output as
 * `dialect.sqlToQuery` (tested), without its per-chunk entity checks: the intake statement has hundreds of
 * chunks, and compiling it was the largest part of writing a small batch.
 */
export function compileStatement(statement: SQL): { sql: string; params: unknown[] } {
  const text: string[] = [];
  const params: unknown[] = [];
  const walk = (chunks: readonly unknown[]): boolean => {
    for (const chunk of chunks) {
      if (chunk === undefined) continue;
      if (chunk instanceof StringChunk) {
        for (const part of chunk.value) text.push(part);
      } else if (chunk instanceof SQL) {
        if ((chunk as unknown as { shouldInlineParams: boolean }).shouldInlineParams) return false;
        if (!walk(chunk.queryChunks)) return false;
      } else if (chunk instanceof Param) {
        const value: unknown = chunk.value;
        if (!isPlainValue(value) || (value !== null && chunk.encoder.mapToDriverValue(value) !== value))
          return false;
        params.push(value);
        text.push(`$${params.length}`);
      } else if (isPlainValue(chunk) && !Array.isArray(chunk)) {
        params.push(chunk);
        text.push(`$${params.length}`);
      } else {
        return false;
      }
    }
    return true;
  };
  const inlined = (statement as unknown as { shouldInlineParams: boolean }).shouldInlineParams;
  if (inlined || !walk(statement.queryChunks)) {
    const { sql, params: drizzleParams } = dialect.sqlToQuery(statement);
    return { sql, params: drizzleParams };
  }
  return { sql: text.join(''), params };
}
