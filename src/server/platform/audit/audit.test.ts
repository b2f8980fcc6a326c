import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { auditStatementPart, recordAudit, verifyAudit } from './audit.js';
import { canonicalJson } from './canonical-json.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describe('canonical JSON', () => {
  it('sorts keys recursively and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('tamper-evident audit log', () => {
  it('verifies an intact log, including entries written concurrently and rolled back', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db.db.transaction((tx) =>
          recordAudit(tx, {
            actorType: 'system',
            action: 'test.entry',
            subjectType: 'case',
            subjectId: `c${i}`,
            payload: { i, 名: '值' },
          }),
        ),
      ),
    );
    await expect(
      db.db.transaction(async (tx) => {
        await recordAudit(tx, { actorType: 'system', action: 'test.rolled_back' });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const progress: number[] = [];
    const result = await verifyAudit(db.db, (done) => progress.push(done), 7);
    expect(result).toEqual({ ok: true, entries: 40 });
    expect(progress.at(-1)).toBe(40);
  });

  it('refuses UPDATE and DELETE from the application', async () => {
    await expect(db.pool.query(`UPDATE audit_log SET reason = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('names the first entry a superuser edited behind the triggers', async () => {
    const { rows } = await db.pool.query<{ seq: number }>(
      `SELECT seq FROM audit_log ORDER BY seq OFFSET 12 LIMIT 1`,
    );
    const target = rows[0]?.seq;
    const client = await db.pool.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE audit_log SET payload = '{"i": 999}' WHERE seq = $1`, [target]);
      await client.query(`SET session_replication_role = DEFAULT`);
    } finally {
      client.release();
    }
    const result = await verifyAudit(db.db, () => {}, 5);
    expect(result).toMatchObject({ ok: false, brokenSeq: target, reason: 'content does not match its hash' });
  });

  it('notices entries removed from the end of a chain', async () => {
    const fresh = await createTestDatabase();
    try {
      for (let i = 0; i < 20; i++)
        await recordAudit(fresh.db, { actorType: 'system', action: 'x', payload: { i } });
      const client = await fresh.pool.connect();
      await client.query(`SET session_replication_role = replica`);
      await client.query(`DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)`);
      client.release();
      expect(await verifyAudit(fresh.db)).toMatchObject({
        ok: false,
        reason: 'entries missing at the end of the chain',
      });
    } finally {
      await fresh.drop();
    }
  });

  it('links the entries of one statement in order, however many, and an empty one leaves the chain alone', async () => {
    const fresh = await createTestDatabase();
    const heads = async () =>
      (
        await fresh.pool.query<{ h: string }>(
          `SELECT string_agg(chain || ':' || entries || ':' || encode(hash, 'hex'), ',' ORDER BY chain) AS h FROM audit_heads`,
        )
      ).rows[0]?.h;
    const append = async (n: number) => {
      const entries = Array.from({ length: n }, (_, i) => ({
        actorType: 'system' as const,
        action: 'test.batch',
        subjectId: `r${i}`,
        payload: { batch: n, i },
      }));
      const { rows } = await fresh.db.execute<{ n: number; first: string; last: string }>(
        sql`WITH RECURSIVE ${auditStatementPart(entries)}
            SELECT count(*)::int AS n, min(seq)::text AS first, max(seq)::text AS last FROM audit_row`,
      );
      return rows[0];
    };
    try {
      const before = await heads();
      expect(await append(0)).toMatchObject({ n: 0 });
      expect(await heads()).toBe(before);
      await Promise.all([append(70), append(1), append(33)]);
      expect(await verifyAudit(fresh.db)).toEqual({ ok: true, entries: 104 });
      // Within one statement the entries follow each other in order: subject r0, r1, … by seq.
      const { rows } = await fresh.pool.query<{ ordered: boolean }>(
        `SELECT bool_and(i = n) AS ordered FROM (
           SELECT (payload->>'i')::int AS i, row_number() OVER (PARTITION BY payload->>'batch' ORDER BY seq) - 1 AS n
             FROM audit_log) x`,
      );
      expect(rows[0]?.ordered).toBe(true);
    } finally {
      await fresh.drop();
    }
  });
});
