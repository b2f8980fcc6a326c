import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmailIntake, startEmailIntake } from '../../src/server/modules/channels/email.start.js';
import type { Runtime } from '../../src/server/runtime.js';
import { startPlatform } from '../support/platform.js';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-email-restart-'));
let open: { runtime: Runtime; email: EmailIntake } | undefined;

/** The platform as `npm start` runs it (embedded PostgreSQL under DATA_DIR), with its SMTP receiver. */
async function start() {
  const { config, logger, runtime, services } = await startPlatform(dataDir, { SMTP_PORT: '0' });
  // SMTP_PORT=0 turns the configured receiver off; the test wants an ephemeral port instead.
  const email = await startEmailIntake({
    config: { ...config, SMTP_PORT: 0 },
    db: runtime.database.db,
    keys: runtime.keys,
    services,
    logger,
  });
  const { startSmtpReceiver } = await import('../../src/server/modules/channels/email.receiver.js');
  const smtp = await startSmtpReceiver({
    channel: email.channel,
    host: '127.0.0.1',
    port: 0,
    maxBytes: 1 << 20,
    logger,
  });
  const close = async () => {
    await smtp.close();
    await email.close();
  };
  open = { runtime, email: { ...email, smtp, close } };
  return open;
}

async function stop() {
  await open?.email.close();
  await open?.runtime.close();
  open = undefined;
}

afterAll(async () => {
  await stop();
  await rm(dataDir, { recursive: true, force: true });
});

const raw = (id: string) =>
  [
    'From: reporter@example.com',
    'To: report@qinglang.example',
    'Subject: =?UTF-8?B?5Li+5oql6K+I6aqX572R56uZ?=',
    `Message-ID: <${id}@example.com>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'A fake investment site promises 30% monthly returns: invest-now-888.example',
    '',
  ].join('\r\n');

function send(port: number, message: string) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  return transport.sendMail({
    envelope: { from: 'reporter@example.com', to: ['report@qinglang.example'] },
    raw: message,
  });
}

describe('e-mail while the database goes away', () => {
  it('answers 451 with the database stopped, and stores the retried mail once after the restart', async () => {
    const first = await start();
    const port = first.email.smtp?.port as number;
    expect((await send(port, raw('before-1'))).response).toMatch(/^250 .*JB/);

    await first.runtime.embedded?.stop();
    await expect(send(port, raw('during-1'))).rejects.toMatchObject({ responseCode: 451 });
    await stop();

    const second = await start();
    const port2 = second.email.smtp?.port as number;
    // The sending server retries the deferred mail (twice, e.g. after a lost answer): one report.
    const retried = await send(port2, raw('during-1'));
    expect(retried.response).toMatch(/^250 .*JB/);
    expect((await send(port2, raw('during-1'))).response).toBe(retried.response);
    const { rows } = await second.runtime.database.pool.query(
      `SELECT (SELECT count(*)::int FROM reports) AS reports, (SELECT count(*)::int FROM reports WHERE channel = 'email') AS email`,
    );
    expect(rows[0]).toEqual({ reports: 2, email: 2 });
  });
});
