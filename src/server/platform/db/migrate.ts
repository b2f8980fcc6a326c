import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';
import { installJobQueue } from '../jobs/jobs.js';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../drizzle',
);

/** Any number, as long as every instance uses the same one: serialises concurrent migrators. */
const MIGRATION_LOCK = 7_240_117;

/**
 * Applies pending migrations under an advisory lock, so several instances starting together apply each
 * migration once, then installs the job queue's schema (graphile-worker's own migrations). Running it again is
 * a no-op.
 */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('SET client_min_messages = warning');
    await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  await installJobQueue(pool);
}

let expectedCount: Promise<number> | undefined;

/** How many migrations ship with this build, and how many the database has applied. */
export async function migrationStatus(pool: pg.Pool): Promise<{ expected: number; applied: number }> {
  expectedCount ??= readFile(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8').then(
    (text) => (JSON.parse(text) as { entries: unknown[] }).entries.length,
  );
  const exists = await pool.query<{ t: string | null }>(
    `SELECT to_regclass('drizzle.__drizzle_migrations') AS t`,
  );
  const applied = exists.rows[0]?.t
    ? ((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations'))
        .rows[0]?.n ?? 0)
    : 0;
  return { expected: await expectedCount, applied };
}
