import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import { uniqueIdentity } from '../../../../test/support/pii.js';
import { IDENTITY_CONTEXT } from '../../modules/reporters/reporter.service.js';
import { deriveKeys } from './keys.js';
import { masterKeyFromBase64 } from './master-key.js';
import { loadIndexRoot } from './root-key.js';
import { rotateMasterKey } from './rotate.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const freshKey = () => masterKeyFromBase64(randomBytes(32).toString('base64'));

describe('master key rotation', () => {
  it('re-wraps every data key without touching sealed data, resumably, keeping HMACs valid', async () => {
    const old = t.keys.master;
    const root = await loadIndexRoot(t.db.db, [old]);
    const identities = Array.from({ length: 12 }, () => uniqueIdentity());
    for (const reporter of identities) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        payload: reportBody({ reporter }),
      });
      expect(res.statusCode).toBe(201);
    }
    const before = await t.db.pool.query('SELECT id, sealed FROM reporter_identities ORDER BY id');

    const next = freshKey();
    const seen: number[] = [];
    // Stop after two batches (the index root, then 4 identities), as if interrupted; then run again to the end.
    const first = await rotateMasterKey(t.db.db, [next, old], (p) => seen.push(p.done), {
      batch: 4,
      maxBatches: 2,
    });
    expect(first.done).toBe(5);
    expect(first.total).toBe(13); // 12 identities + the index root key
    const second = await rotateMasterKey(t.db.db, [next, old], (p) => seen.push(p.done), { batch: 4 });
    expect(second).toEqual({ done: 8, total: 8 });

    const after = await t.db.pool.query(
      'SELECT id, key_id, wrapped_key, sealed FROM reporter_identities ORDER BY id',
    );
    expect(after.rows.map((r) => r.sealed)).toEqual(before.rows.map((r) => r.sealed));
    expect(new Set(after.rows.map((r) => r.key_id))).toEqual(new Set([next.id]));

    const rotated = deriveKeys(next, { indexRoot: await loadIndexRoot(t.db.db, [next]) });
    const unsealed = after.rows.map((r) =>
      rotated.unseal<{ phone: string }>(IDENTITY_CONTEXT, {
        keyId: r.key_id,
        wrappedKey: r.wrapped_key,
        sealed: r.sealed,
      }),
    );
    expect(unsealed.map((u) => u.phone).sort()).toEqual(identities.map((i) => i.phone).sort());
    // The index root is the same key, so blind indexes and receipt HMACs still match.
    expect(rotated.get('receipt-code')).toEqual(deriveKeys(old, { indexRoot: root }).get('receipt-code'));
    await expect(loadIndexRoot(t.db.db, [old])).rejects.toThrow(/MASTER_KEY/);
  });
});
