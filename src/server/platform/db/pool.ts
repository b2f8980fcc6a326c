import { createHash } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { arrayLiteral } from './array-literal.js';
import { binaryParam } from './binary-array.js';
import { compileStatement } from './compile.js';

// Dates come back as JS Dates (timestamptz); int8 counts as numbers (they stay far below 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction handle; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  pool: pg.Pool;
  db: Db;
  close(): Promise<void>;
}

export function openDatabase(url: string, max: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'qinglang',
  });
  // A dropped idle connection must not crash the process; the next query gets a fresh one.
  pool.on('error', () => {});
  const db = drizzle({ client: pool });
  let closed = false;
  return {
    pool,
    db,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Replaces the database name in a connection URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Per prepared statement: the type each parameter is cast to as an array (`$3::uuid[]` → `uuid`), if any. */
const arrayCasts = new Map<string, (string | undefined)[]>();

function castsOf(name: string, text: string): (string | undefined)[] {
  let casts = arrayCasts.get(name);
  if (!casts) {
    casts = [];
    for (const m of text.matchAll(/\$(\d+)::(\w+)\[\]/g)) casts[Number(m[1]) - 1] = m[2];
    arrayCasts.set(name, casts);
  }
  return casts;
}

/**
 * Runs a hot statement as a named prepared statement (parsed and planned once per connection; the name is
 * derived from the SQL text, so each shape gets its own). An array parameter the statement casts to one of
 * `binaryArray`'s element types (`$1::uuid[]`) goes in binary format, and so do `JsonbValues` cast to
 * `jsonb[]` (`binaryParam`); any other array as a text literal (`arrayLiteral`). Returns the rows.
 */
export async function queryPrepared<T>(db: DbOrTx, statement: SQL): Promise<T[]> {
  const { sql: text, params } = compileStatement(statement);
  const name = `q_${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
  const client = (db as unknown as { $client?: pg.Pool | pg.PoolClient }).$client;
  if (!client) throw new Error('queryPrepared needs a node-postgres database handle');
  const casts = castsOf(name, text);
  // Anything else as it stands: node-postgres writes `JsonbValues` by its `toPostgres`.
  const values = params.map((p, i) => binaryParam(casts[i], p) ?? (Array.isArray(p) ? arrayLiteral(p) : p));
  const result = await client.query<T & pg.QueryResultRow>({ name, text, values });
  return result.rows;
}
