import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, staffClient, type TestApp, type TStaffClient } from '../../../../test/support/app.js';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../../platform/crypto/webhook-signature.js';
import { multipart } from '../evidence/evidence.fixtures.js';
import { IDENTITY_CONTEXT } from '../reporters/reporter.service.js';

const SECRET = 'telephony-shared-secret-for-tests';
let t: TestApp;
let dataDir: string;
let operator: TStaffClient;
let operatorId: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-hotline-'));
  t = await createTestApp({ TELEPHONY_SECRET: SECRET, DATA_DIR: dataDir });
  const session = await t.staffSession({
    username: 'hotline.op',
    departmentCode: 'CN',
    roles: ['intake_operator'],
  });
  operator = staffClient(t.app, session, { lang: null });
  operatorId = session.id;
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A short mono 8 kHz PCM WAV (what a call system records). */
function wav(seconds = 1): Buffer {
  const samples = 8000 * seconds;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(Math.sin(i / 10) * 8000), 44 + i * 2);
  return b;
}

function push(body: string, headers: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/channels/telephony/calls',
    headers: { 'content-type': 'application/json', ...headers },
    payload: body,
  });
}
const signed = (body: string, at = Math.floor(Date.now() / 1000)) => ({
  [TIMESTAMP_HEADER]: String(at),
  [SIGNATURE_HEADER]: signWebhook(SECRET, at, body),
});

describe('telephony webhook', () => {
  const call = () =>
    JSON.stringify({
      callId: `cdr-${randomBytes(4).toString('hex')}`,
      line: '12377',
      callerNumber: '13912345678',
      startedAt: new Date(Date.now() - 120_000).toISOString(),
      endedAt: new Date(Date.now() - 60_000).toISOString(),
      transcript: '来电人称接到冒充公安的电话，要求转账到安全账户。',
      recording: { filename: 'voicemail.wav', contentBase64: wav().toString('base64') },
      recordingConsent: true,
    });

  it('makes a signed call a draft in the operator queue (once per call id)', async () => {
    const body = call();
    const res = await push(body, signed(body));
    expect(res.statusCode, res.body).toBe(201);
    const again = await push(body, signed(body));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(res.json().id);
    const queue = await operator.get('/api/v1/hotline/calls?state=draft');
    const draft = queue.json().calls.find((c: { id: string }) => c.id === res.json().id);
    expect(draft).toMatchObject({
      source: 'telephony',
      state: 'draft',
      callerNumber: '139****5678',
      recordings: 1,
    });
    expect(draft.durationSeconds).toBe(60);
    const { rows } = await t.db.pool.query('SELECT * FROM hotline_calls WHERE id = $1', [res.json().id]);
    expect(JSON.stringify(rows[0])).not.toContain('13912345678');
  });

  it('refuses a tampered, stale, unsigned or wrongly signed call', async () => {
    const before = (await t.db.pool.query('SELECT count(*)::int AS n FROM hotline_calls')).rows[0].n;
    const body = call();
    const tampered = await push(body.replace('13912345678', '13900000000'), signed(body));
    expect(tampered.statusCode).toBe(401);
    expect(tampered.json().error.code).toBe('telephony_signature_invalid');
    const stale = await push(body, signed(body, Math.floor(Date.now() / 1000) - 600));
    expect(stale.statusCode).toBe(401);
    expect((await push(body, {})).statusCode).toBe(401);
    const wrongKey = Math.floor(Date.now() / 1000);
    const forged = await push(body, {
      [TIMESTAMP_HEADER]: String(wrongKey),
      [SIGNATURE_HEADER]: signWebhook('another-secret-of-sixteen', wrongKey, body),
    });
    expect(forged.statusCode).toBe(401);
    expect((await t.db.pool.query('SELECT count(*)::int AS n FROM hotline_calls')).rows[0].n).toBe(before);
  });
});

describe('hotline operator', () => {
  it('records a call, attaches the recording, submits for the caller and reads back the receipt code', async () => {
    const started = await operator.post('/api/v1/hotline/calls', {
      line: '12377-2',
      callerNumber: '13812348888',
      startedAt: new Date(Date.now() - 300_000).toISOString(),
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as string;
    expect(started.json().callerNumber).toBe('138****8888');

    // No consent yet: no recording.
    const upload = async () => {
      const body = await multipart([{ name: 'file', filename: 'call.wav', type: 'audio/wav', data: wav(2) }]);
      return operator.post(`/api/v1/hotline/calls/${id}/recordings`, body.payload, body.headers);
    };
    expect((await upload()).statusCode).toBe(409);
    const patched = await operator.patch(`/api/v1/hotline/calls/${id}`, {
      anonymous: false,
      recordingConsent: true,
      summary: '来电人反映被冒充客服诈骗。',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const recorded = await upload();
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().recordings).toBe(1);

    const report = {
      category: 'fraud',
      description: '来电人称有人冒充快递客服，以理赔为由诱导其共享屏幕并转走银行卡里的3200元。',
      answers: { contactChannel: 'phone_call', amountLost: 3200 },
      targets: [`+86 171 ${String(randomBytes(3).readUIntBE(0, 3)).padStart(8, '0').slice(0, 8)}`],
      regionCode: '440106',
      reporter: { name: '张三' },
    };
    const submitted = await operator.post(`/api/v1/hotline/calls/${id}/report`, report);
    expect(submitted.statusCode, submitted.body).toBe(201);
    const out = submitted.json();
    expect(out.receiptCode).toMatch(/^\d{4}-\d{4}-\d{4}-\d{4}$/);
    expect(out.readBack.replace(/[ ,]/g, '')).toBe(out.receiptCode.replace(/-/g, ''));

    const { rows } = await t.db.pool.query(
      `SELECT r.id, r.channel, r.case_id, i.key_id AS "keyId", i.wrapped_key AS "wrappedKey", i.sealed,
              (SELECT count(*)::int FROM evidence e WHERE e.report_id = r.id AND e.kind = 'audio') AS audio
         FROM reports r JOIN reporter_identities i ON i.id = r.reporter_identity_id WHERE r.report_no = $1`,
      [out.reportNo],
    );
    expect(rows[0]).toMatchObject({ channel: 'hotline', audio: 1 });
    expect(t.keys.unseal(IDENTITY_CONTEXT, rows[0])).toEqual({ name: '张三', phone: '13812348888' });
    const events = await t.db.pool.query(
      `SELECT actor_id, payload FROM case_events WHERE case_id = $1 AND type = 'hotline_call'`,
      [rows[0].case_id],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].actor_id).toBe(operatorId);
    expect(events.rows[0].payload).toMatchObject({ callId: id, line: '12377-2', reportId: rows[0].id });
    expect(events.rows[0].payload.durationSeconds).toBeGreaterThanOrEqual(299);

    // Submitting again answers the same report; the closed call can no longer be edited.
    const twice = await operator.post(`/api/v1/hotline/calls/${id}/report`, report);
    expect(twice.json().reportNo).toBe(out.reportNo);
    expect((await operator.patch(`/api/v1/hotline/calls/${id}`, { summary: 'x' })).statusCode).toBe(409);
  });
});
