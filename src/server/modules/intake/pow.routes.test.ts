import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, reportBody, type TestApp } from '../../../../test/support/app.js';
import {
  issueChallenge,
  leadingZeroBits,
  POW_TTL_MS,
  powDigest,
  solveChallenge,
} from '../../platform/pow.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    POW_DIFFICULTY: '8',
    SUBMIT_RATE_LIMIT: '12',
    SUBMIT_RATE_WINDOW_SECONDS: '600',
  });
});
afterAll(() => t.close());

const submit = (proof: string | undefined, ip = '198.51.100.30') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    payload: reportBody(),
    remoteAddress: ip,
    headers: { 'accept-language': 'en', ...(proof ? { 'x-proof-of-work': proof } : {}) },
  });

async function solved(): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/pow' });
  expect(res.statusCode).toBe(200);
  const { challenge, difficulty } = res.json();
  expect(difficulty).toBe(8);
  return `${challenge}:${solveChallenge(challenge, difficulty)}`;
}

describe('proof of work on POST /api/v1/reports', () => {
  it('answers 428 for a missing or wrong proof and stores nothing', async () => {
    const before = await countRows(t.db);
    const missing = await submit(undefined);
    expect(missing.statusCode).toBe(428);
    expect(missing.json().error).toMatchObject({
      code: 'pow_required',
      message: expect.stringContaining('GET /api/v1/pow'),
    });

    const [challenge = '', nonce = ''] = (await solved()).split(':');
    let wrong = Number(nonce) + 1;
    while (leadingZeroBits(powDigest(challenge, String(wrong))) >= 8) wrong++;
    const bad = await submit(`${challenge}:${wrong}`);
    expect(bad.statusCode).toBe(428);
    expect(bad.json().error.code).toBe('pow_invalid');
    expect(await countRows(t.db)).toEqual(before);
  });

  it('accepts a valid proof once (201), then refuses it (428)', async () => {
    const proof = await solved();
    expect((await submit(proof)).statusCode).toBe(201);
    const reused = await submit(proof, '192.0.2.31');
    expect(reused.statusCode).toBe(428);
    expect(reused.json().error.code).toBe('pow_reused');
  });

  it('refuses an expired challenge (428) even when solved', async () => {
    const old = issueChallenge(t.keys.get('pow-challenge'), 8, Date.now() - POW_TTL_MS - 1000);
    const res = await submit(`${old.challenge}:${solveChallenge(old.challenge, 8)}`);
    expect(res.statusCode).toBe(428);
    expect(res.json().error.code).toBe('pow_expired');
  });

  it('spends each challenge once even when the same proof arrives many times at once', async () => {
    const proof = await solved();
    const statuses = (await Promise.all(Array.from({ length: 6 }, () => submit(proof, '203.0.113.40')))).map(
      (r) => r.statusCode,
    );
    expect(statuses.sort()).toEqual([201, 428, 428, 428, 428, 428]);
  });

  it('limits submissions per address (429 with Retry-After), other addresses unaffected', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await submit(await solved(), '203.0.113.99')).statusCode);
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(201));
    expect(statuses.slice(12)).toEqual([429, 429]);
    const limited = await submit(await solved(), '203.0.113.99');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await submit(await solved(), '203.0.113.100')).statusCode).toBe(201);
    const { rows } = await t.db.pool.query<{ key: string }>('SELECT key FROM rate_limits');
    for (const row of rows) expect(row.key).not.toContain('203.0.113');
  });
});
