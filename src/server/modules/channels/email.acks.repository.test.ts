import { randomUUID } from 'node:crypto';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { genericPlan } from '../../../../test/support/plans.js';
import { markSent } from './email.acks.repository.js';

let db: TestDatabase;
/** One connection, so that the statement markSent prepares can be explained on it. */
let client: pg.Client;
beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  // A few hundred acknowledgements, with statistics that say so: the size at which matching them by hashing
  // looks cheapest, and stops being so as the table grows.
  await client.query(`INSERT INTO email_acks (key_hash, state, not_before)
      SELECT sha256(g::text::bytea), 'sent', now() FROM generate_series(1, 300) g;
    ANALYZE email_acks`);
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('marking acknowledgements sent', () => {
  it("finds each acknowledgement by its key in the statement's generic plan, never by scanning them all", async () => {
    await markSent(drizzle({ client }), [
      { keyHash: Buffer.alloc(32, 1), reportId: randomUUID(), skipped: 0, threads: [] },
    ]);
    const plan = await genericPlan(client, 'WITH done');
    expect(plan).toMatch(/Update on email_acks e/);
    expect(plan).not.toMatch(/Seq Scan on email_acks\b/);
  });
});
