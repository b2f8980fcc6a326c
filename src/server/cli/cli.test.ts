import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { recordAudit } from '../platform/audit/audit.js';

const run = promisify(execFile);
const MASTER_KEY = randomBytes(32).toString('base64');
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  for (let i = 0; i < 5; i++)
    await recordAudit(db.db, { actorType: 'system', action: 'cli.test', payload: { i } });
});
afterAll(() => db.drop());

/** Runs the real CLI against the test database; resolves with its exit code and output. */
async function qinglang(...args: string[]): Promise<{ code: number; stdout: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    MASTER_KEY,
    MASTER_KEY_PREVIOUS: '',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  };
  try {
    const { stdout } = await run('npx', ['tsx', 'src/server/cli/main.ts', ...args], { env, timeout: 60_000 });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '' };
  }
}

describe('qinglang audit verify', () => {
  it('exits 0 on an intact log and 2, naming the entry, on a tampered one', async () => {
    const intact = await qinglang('audit', 'verify');
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toContain('5 entries verified');
    const { rows } = await db.pool.query<{ seq: number }>(
      'SELECT seq FROM audit_log ORDER BY seq OFFSET 2 LIMIT 1',
    );
    const client = await db.pool.connect();
    await client.query('SET session_replication_role = replica');
    await client.query(`UPDATE audit_log SET payload = '{"i": 42}' WHERE seq = $1`, [rows[0]?.seq]);
    client.release();
    const broken = await qinglang('audit', 'verify');
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain(`entry seq ${rows[0]?.seq}`);
  }, 120_000);
});
