import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../support/app.js';
import { uniqueIdentity } from '../support/pii.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOG_LEVEL: 'trace' });
});
afterAll(() => t.close());

/** Every row of every table of the database as text, the way a plain-text dump would show it. */
async function dumpDatabase(): Promise<string> {
  const { rows: tables } = await t.db.pool.query<{ name: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  expect(tables.length).toBeGreaterThan(8);
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await t.db.pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
    parts.push(`-- ${name}`, ...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

describe('reporter identity at rest', () => {
  const identity = uniqueIdentity();
  const needles = Object.values(identity);

  it('appears in no table, no log line and no on-disk database file after a full scenario', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: reportBody({ reporter: identity }),
    });
    expect(created.statusCode).toBe(201);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      payload: reportBody({ reporter: identity, truthfulnessPledge: false }),
    });
    expect(refused.statusCode).toBe(400);
    const looked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipts/lookup',
      payload: { receiptCode: created.json().receiptCode },
    });
    expect(looked.statusCode).toBe(200);
    for (const response of [created.body, refused.body, looked.body]) {
      for (const needle of needles) expect(response).not.toContain(needle);
    }

    const dump = await dumpDatabase();
    expect(dump).toContain(created.json().reportNo);
    for (const needle of needles) expect(dump, 'database dump').not.toContain(needle);

    const logs = t.logs.join('');
    expect(logs).toContain('/api/v1/reports');
    for (const needle of needles) expect(logs, 'logs').not.toContain(needle);

    // The raw cluster files (tables, indexes, WAL) of the embedded test server, after a checkpoint.
    const directory = inject('pgDirectory');
    if (!directory) return; // external DATABASE_URL: its files are not ours to read
    await t.db.pool.query('CHECKPOINT');
    const raw = needles.map((n) => Buffer.from(n, 'utf8'));
    let scanned = 0;
    for await (const file of filesUnder(directory)) {
      const bytes = await readFile(file).catch(() => undefined);
      if (!bytes) continue;
      scanned += bytes.length;
      for (const needle of raw)
        expect(bytes.includes(needle), `${file} holds plaintext identity`).toBe(false);
    }
    expect(scanned).toBeGreaterThan(1_000_000);
  });
});
