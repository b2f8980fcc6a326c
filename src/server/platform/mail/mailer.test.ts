import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './mailer.js';

/** A relay that keeps what it is given, and counts the connections it was given them on. */
async function startRelay() {
  const received: { to: string[]; data: string }[] = [];
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, done) {
      connections++;
      done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('mailer', () => {
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let outbox: string;
  beforeAll(async () => {
    relay = await startRelay();
    outbox = await mkdtemp(path.join(tmpdir(), 'qinglang-outbox-'));
  });
  afterAll(async () => {
    await relay.close();
    await rm(outbox, { recursive: true, force: true });
  });

  it('sends through the relay over kept-open (pooled) connections, with the threading headers', async () => {
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${relay.port}`,
      from: 'noreply@centre.example',
      outboxDir: outbox,
    });
    expect(mailer.mode).toBe('smtp');
    const sent = [];
    for (let i = 0; i < 4; i++) {
      sent.push(
        await mailer.send({
          to: `reporter${i}@example.com`,
          subject: `举报受理回执 ${i}`,
          text: '您的举报已收到。',
          inReplyTo: `<m${i}@example.com>`,
          messageId: `<ack${i}@centre.example>`,
        }),
      );
    }
    expect(sent.map((s) => s.messageId)).toEqual([0, 1, 2, 3].map((i) => `<ack${i}@centre.example>`));
    expect(relay.received.map((m) => m.to)).toEqual([0, 1, 2, 3].map((i) => [`reporter${i}@example.com`]));
    expect(relay.received[0]?.data).toContain('In-Reply-To: <m0@example.com>');
    // One connection for all four mails, not one a mail.
    expect(relay.connections()).toBe(1);
    expect(await readdir(outbox)).toEqual([]);
    mailer.close();
  });

  it('writes .eml files (mode 0600) to the outbox when no relay is configured, creating it when missing', async () => {
    const dir = path.join(outbox, 'nested');
    const mailer = createMailer({ smtpUrl: undefined, from: 'noreply@centre.example', outboxDir: dir });
    expect(mailer.mode).toBe('outbox');
    const { file } = await mailer.send({ to: 'a@example.com', subject: 'Receipt', text: 'Received.' });
    expect(file && path.dirname(file)).toBe(dir);
    const eml = await readFile(file as string, 'utf8');
    expect(eml).toContain('To: a@example.com');
    expect(eml).toContain('Received.');
  });
});
