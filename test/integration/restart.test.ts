import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { IDENTITY_CONTEXT } from '../../src/server/modules/reporters/reporter.service.js';
import { unseal } from '../../src/server/platform/crypto/seal.js';
import type { Runtime } from '../../src/server/runtime.js';
import { reportBody } from '../support/app.js';
import { uniqueIdentity } from '../support/pii.js';
import { startPlatform } from '../support/platform.js';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-restart-'));
let open: { runtime: Runtime; app: FastifyInstance } | undefined;

/** Starts the platform the way `npm start` does: embedded PostgreSQL under DATA_DIR, dev master key there. */
async function start() {
  const { config, logger, runtime, services } = await startPlatform(dataDir, { POW_DIFFICULTY: '0' });
  const app = await buildApp({ config, database: runtime.database, services, logger });
  open = { runtime, app };
  return open;
}

async function stop() {
  await open?.app.close();
  await open?.runtime.close();
  open = undefined;
}

afterAll(async () => {
  await stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('restart on the embedded database', () => {
  it('keeps every report, its receipt and its sealed identity; answers 503 while the database is down', async () => {
    const first = await start();
    expect((await stat(path.join(dataDir, 'master.key'))).mode & 0o777).toBe(0o600);
    const identity = uniqueIdentity();
    const created = [];
    for (let i = 0; i < 3; i++) {
      const res = await first.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: reportBody(i === 0 ? { reporter: identity } : {}),
      });
      expect(res.statusCode).toBe(201);
      created.push(res.json());
    }

    // The database goes away under a running server: clear 503s, nothing half-written.
    await first.runtime.embedded?.stop();
    const down = await first.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() });
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBeDefined();
    await stop();

    const second = await start();
    for (const report of created) {
      const res = await second.app.inject({
        method: 'POST',
        url: '/api/v1/receipts/lookup',
        payload: { receiptCode: report.receiptCode },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().reportNo).toBe(report.reportNo);
    }
    const { rows } = await second.runtime.database.pool.query(
      `SELECT (SELECT count(*)::int FROM reports) AS reports, (SELECT count(*)::int FROM cases) AS cases,
              (SELECT count(*)::int FROM departments) AS departments`,
    );
    expect(rows[0]).toEqual({ reports: 3, cases: 3, departments: 7 });
    const sealed = await second.runtime.database.pool.query(
      `SELECT i.key_id AS "keyId", i.wrapped_key AS "wrappedKey", i.sealed FROM reports r
         JOIN reporter_identities i ON i.id = r.reporter_identity_id WHERE r.report_no = $1`,
      [created[0].reportNo],
    );
    expect(unseal(second.runtime.keys.master, IDENTITY_CONTEXT, sealed.rows[0])).toEqual(identity);
    const next = await second.app.inject({ method: 'POST', url: '/api/v1/reports', payload: reportBody() });
    expect(next.statusCode).toBe(201);
    expect(next.json().reportNo).not.toBe(created[2].reportNo);
  });
});
