import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { createTaskList } from '../../jobs.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import { hashIdempotencyKey } from '../intake/idempotency.js';
import { capturedLogger } from './channels.fixtures.js';
import { ACK_CONTEXT, emailIdempotencyKey } from './email.acks.js';
import { hashMessageId } from './email.parse.js';
import { createEmailChannel, type EmailChannel } from './email.service.js';

let t: TestApp;
let dataDir: string;
const { logger, logs } = capturedLogger();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-acks-'));
  t = await createTestApp({ DATA_DIR: dataDir });
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A channel of one "process", with its own mailer in front of the real (outbox) one. */
function channelWith(mailer: Mailer): EmailChannel {
  return createEmailChannel({
    db: t.db.db,
    keys: t.keys,
    intake: t.services.intake,
    evidence: t.services.evidence,
    mailer,
    reportAddresses: t.config.REPORT_ADDRESSES,
    logger,
  });
}
const real = () => t.services.mailer;
async function outbox(): Promise<string[]> {
  const dir = path.join(dataDir, 'outbox');
  return (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.eml')).sort();
}
async function acksTo(address: string) {
  const out = [];
  for (const f of await outbox()) {
    const parsed = await simpleParser(await readFile(path.join(dataDir, 'outbox', f)));
    if (parsed.to && 'text' in parsed.to && parsed.to.text.includes(address)) out.push(parsed);
  }
  return out;
}
/** The job as the worker runs it (graphile-worker task from the task list). */
async function runJob(): Promise<void> {
  const tasks = createTaskList(t.services);
  await (tasks.email_acks as (p: unknown, h: unknown) => Promise<void>)({}, { logger: { info() {} } });
}
/** Lets time pass for the owed acknowledgements: every lease and backoff is over. */
const fastForward = () => t.db.pool.query(`UPDATE email_acks SET not_before = now() WHERE state = 'pending'`);
const raw = (from: string, id: string, extra: string[] = []) =>
  Buffer.from(
    [
      `From: ${from}`,
      'To: report@qinglang.example',
      'Subject: 举报：虚假投资平台',
      `Message-ID: <${id}>`,
      ...extra,
      '',
      '平台 invest-gold.example 承诺高额回报，已无法提现。',
      '',
    ].join('\r\n'),
  );
const ackRow = async (id: string) =>
  (await t.db.pool.query('SELECT * FROM email_acks WHERE key_hash = $1', [hashMessageId(`<${id}>`)])).rows[0];

describe('e-mail acknowledgements survive a crash after the commit', () => {
  it('the process dies between the commit and the send: the job sends it later, exactly once', async () => {
    const address = 'crash.victim@example.com';
    // The first process commits the report, then "dies" in the send (it never completes, nothing after it runs).
    const dying = channelWith({ mode: 'outbox', send: () => new Promise(() => {}), close: () => {} });
    const handled = await dying.handle(raw(address, 'crash-1@example.com'), {
      from: address,
      to: ['report@qinglang.example'],
    });
    expect(handled).toMatchObject({ kind: 'report', replayed: false });
    const reportNo = (handled as { reportNo: string }).reportNo;
    await new Promise((r) => setTimeout(r, 50));
    expect(await acksTo(address)).toHaveLength(0);

    // The owed acknowledgement is sealed: neither the address nor anything else readable.
    const owed = await ackRow('crash-1@example.com');
    expect(owed).toMatchObject({ state: 'pending', attempts: 0 });
    expect(owed.sealed.toString('latin1')).not.toContain(address);
    expect(
      t.keys.unseal(ACK_CONTEXT, { keyId: owed.key_id, wrappedKey: owed.wrapped_key, sealed: owed.sealed }),
    ).toMatchObject({ to: address, messageId: '<crash-1@example.com>' });

    // Within the dead process's lease the job leaves it alone; after it, the job sends it.
    await runJob();
    expect(await acksTo(address)).toHaveLength(0);
    await fastForward();
    await runJob();
    const [ack, ...more] = await acksTo(address);
    expect(more).toHaveLength(0);
    expect(ack?.subject).toContain(reportNo);
    expect(ack?.inReplyTo).toBe('<crash-1@example.com>');
    expect(ack?.headers.get('auto-submitted')).toBe('auto-replied');
    const receipt = /(\d{4}-\d{4}-\d{4}-\d{4})/.exec(ack?.text ?? '')?.[1];
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/receipts/lookup',
      payload: { receiptCode: receipt },
    });
    expect(lookup.json().reportNo).toBe(reportNo);
    const sent = await ackRow('crash-1@example.com');
    expect(sent).toMatchObject({ state: 'sent', sealed: null, wrapped_key: null });

    // Nothing more: not by the job again, not by a retried delivery of the same mail (a new process).
    await fastForward();
    await runJob();
    const restarted = channelWith(real());
    expect(
      await restarted.handle(raw(address, 'crash-1@example.com'), {
        from: address,
        to: ['report@qinglang.example'],
      }),
    ).toEqual({ kind: 'report', reportNo, replayed: true });
    await restarted.flush();
    await fastForward();
    await runJob();
    expect(await acksTo(address)).toHaveLength(1);

    // The acknowledgement the job sent threads replies back to the report.
    const reply = await restarted.handle(
      Buffer.from(
        [
          `From: ${address}`,
          'To: report@qinglang.example',
          `Subject: Re: ${ack?.subject?.replace(/\[#r[0-9a-f]+\]/, '')}`,
          'Message-ID: <crash-1-reply@example.com>',
          `In-Reply-To: ${ack?.messageId}`,
          '',
          '补充：转账记录已保存。',
          '',
        ].join('\r\n'),
      ),
      { from: address, to: ['report@qinglang.example'] },
    );
    expect(reply.kind).toBe('reply');
  });

  it('a failed send is retried by the job with backoff, and sent once', async () => {
    const address = 'relay.down@example.com';
    let calls = 0;
    const flaky = channelWith({
      mode: 'outbox',
      send: async (m) => {
        calls++;
        if (calls === 1) throw new Error('relay unavailable');
        return real().send(m);
      },
      close: () => {},
    });
    await flaky.handle(raw(address, 'relay-1@example.com'), {
      from: address,
      to: ['report@qinglang.example'],
    });
    await flaky.flush();
    expect(calls).toBe(1);
    expect(logs.join('')).toContain('acknowledgement not sent yet');
    const row = await ackRow('relay-1@example.com');
    expect(row.state).toBe('pending');
    expect(row.not_before.getTime()).toBeGreaterThan(Date.now() + 30_000); // backed off
    await runJob();
    expect(await acksTo(address)).toHaveLength(0);
    await fastForward();
    await runJob();
    await fastForward();
    await runJob();
    expect(await acksTo(address)).toHaveLength(1);
    expect((await ackRow('relay-1@example.com')).state).toBe('sent');
  });

  it('a submission that never committed is not acknowledged; the sender’s retry is, once', async () => {
    const address = 'retry.later@example.com';
    const channel = channelWith(real());
    await t.db.pool.query(`
      CREATE FUNCTION fail_email_report() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated connection loss' USING ERRCODE = '08006'; END $$;
      CREATE TRIGGER fail_email_report BEFORE INSERT ON reports FOR EACH ROW EXECUTE FUNCTION fail_email_report();`);
    try {
      await expect(
        channel.handle(raw(address, 'never-1@example.com'), {
          from: address,
          to: ['report@qinglang.example'],
        }),
      ).rejects.toBeTruthy();
    } finally {
      await t.db.pool.query('DROP TRIGGER fail_email_report ON reports; DROP FUNCTION fail_email_report();');
    }
    expect((await ackRow('never-1@example.com')).state).toBe('pending');
    await fastForward();
    await runJob(); // no report behind it: nothing sent
    expect(await acksTo(address)).toHaveLength(0);
    expect((await ackRow('never-1@example.com')).attempts).toBe(0);

    await channel.handle(raw(address, 'never-1@example.com'), {
      from: address,
      to: ['report@qinglang.example'],
    });
    await channel.flush();
    await fastForward();
    await runJob();
    expect(await acksTo(address)).toHaveLength(1);

    // While the job holds an owed acknowledgement (claimed, lease running), the receiving process does not send it.
    const held = 'held.by.job@example.com';
    await channel.acks.owe(
      hashMessageId('<held-1@example.com>'),
      { to: held, references: [], language: 'en' },
      0,
    );
    await t.db.pool.query(
      `UPDATE email_acks SET attempts = 1, not_before = now() + interval '10 minutes' WHERE key_hash = $1`,
      [hashMessageId('<held-1@example.com>')],
    );
    await channel.handle(raw(held, 'held-1@example.com'), { from: held, to: ['report@qinglang.example'] });
    await channel.flush();
    expect(await acksTo(held)).toHaveLength(0);
    await fastForward();
    await runJob();
    await runJob();
    expect(await acksTo(held)).toHaveLength(1);

    // Given up after a day (the intake keeps the sealed receipt code 24 hours), and forgotten later.
    const id = 'never-2@example.com';
    await channel.acks.owe(hashMessageId(`<${id}>`), { to: address, references: [], language: 'en' }, 0);
    await t.db.pool.query(
      `UPDATE email_acks SET created_at = now() - interval '25 hours', not_before = now() WHERE key_hash = $1`,
      [hashMessageId(`<${id}>`)],
    );
    await runJob();
    expect(await ackRow(id)).toMatchObject({ state: 'expired', sealed: null });
    await t.db.pool.query(
      `UPDATE email_acks SET created_at = now() - interval '4 days' WHERE key_hash = $1`,
      [hashMessageId(`<${id}>`)],
    );
    await runJob();
    expect(await ackRow(id)).toBeUndefined();
    expect(await acksTo(address)).toHaveLength(1);
  });

  it('automatic mail owes nothing: no acknowledgement, now or from the job', async () => {
    const address = 'vacation@example.com';
    const channel = channelWith(real());
    for (const [id, extra] of [
      ['auto-1@example.com', ['Auto-Submitted: auto-replied']],
      ['auto-2@example.com', ['Precedence: bulk']],
    ] as const) {
      await channel.handle(raw(address, id, [...extra]), { from: address, to: ['report@qinglang.example'] });
    }
    await channel.handle(raw(address, 'auto-3@example.com'), { from: null, to: ['report@qinglang.example'] });
    await channel.flush();
    await fastForward();
    await runJob();
    expect(await acksTo(address)).toHaveLength(0);
    for (const id of ['auto-1@example.com', 'auto-2@example.com', 'auto-3@example.com']) {
      expect(await ackRow(id)).toBeUndefined();
      // …while the report itself was stored (its idempotency row exists).
      const { rows } = await t.db.pool.query('SELECT 1 FROM intake_idempotency WHERE key_hash = $1', [
        hashIdempotencyKey(emailIdempotencyKey(hashMessageId(`<${id}>`))),
      ]);
      expect(rows).toHaveLength(1);
    }
  });
});
