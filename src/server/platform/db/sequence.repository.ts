import { sql } from 'drizzle-orm';
import type { DbOrTx } from './pool.js';

const NAME = /^numbers\.[a-z]+_\d{8}$/;

/** Creates a counter sequence if missing; the name is checked, never taken from user input. */
export async function createSequence(db: DbOrTx, name: string): Promise<void> {
  if (!NAME.test(name)) throw new Error(`not a sequence name: ${name}`);
  try {
    await db.execute(sql.raw(`CREATE SEQUENCE IF NOT EXISTS ${name} AS bigint MINVALUE 1`));
  } catch (err) {
    // Two statements creating the same sequence at once: IF NOT EXISTS does not stop the loser from hitting
    // the catalogue's unique index (23505) or finding the relation just created (42P07). It exists: done.
    const e = err as { code?: string; cause?: { code?: string } };
    const code = e.code ?? e.cause?.code;
    if (code !== '23505' && code !== '42P07') throw err;
  }
}
