import { sql } from 'drizzle-orm';
import type { DbOrTx } from './pool.js';

const NAME = /^numbers\.[a-z]+_\d{8}$/;

/** Creates a counter sequence if missing; the name is checked, never taken from user input. */
export async function createSequence(db: DbOrTx, name: string): Promise<void> {
  if (!NAME.test(name)) throw new Error(`not a sequence name: ${name}`);
  await db.execute(sql.raw(`CREATE SEQUENCE IF NOT EXISTS ${name} AS bigint MINVALUE 1`));
}
