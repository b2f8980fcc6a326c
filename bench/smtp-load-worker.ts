/**
 * Sends report mails over SMTP from several pooled connections in a worker thread (the e-mail benchmark's load
 * generator, like autocannon for the web): messages are composed once by the main thread; each send only
 * puts a fresh number into the sender address and Message-ID, so every mail is a new report.
 */

import net from 'node:net';
import { isMainThread } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { serveLoadJobs } from './load.js';

export interface SmtpLoadJob {
  port: number;
  connections: number;
  durationSeconds: number;
  /** Raw RFC 5322 messages; `NUMBERX` in the sender and Message-ID is replaced per send. */
  messages: string[];
  /** First number used (rounds continue where the previous one stopped). */
  first: number;
}

export interface SmtpLoadResult {
  ok: number;
  errors: number;
  seconds: number;
  next: number;
}

export const PLACEHOLDER = 'NUMBERX';

async function run(job: SmtpLoadJob): Promise<SmtpLoadResult> {
  const transports = Array.from({ length: job.connections }, (_, i) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: job.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
      maxMessages: Number.POSITIVE_INFINITY,
      name: `sender-${i}.example`,
      // Nagle off on the client socket: otherwise the message's last small segment waits for the receiver's
      // delayed ACK (40 ms on Linux) and the benchmark measures that timer instead of the server.
      getSocket: (
        _options: unknown,
        done: (err: Error | null, socket?: { connection: net.Socket }) => void,
      ) => {
        const socket = net.connect(job.port, '127.0.0.1', () => done(null, { connection: socket }));
        socket.setNoDelay(true);
        socket.once('error', (err) => done(err));
      },
    } as SMTPPool.Options),
  );
  let counter = job.first;
  let ok = 0;
  let errors = 0;
  const started = Date.now();
  const until = started + job.durationSeconds * 1000;
  await Promise.all(
    transports.map(async (transport) => {
      while (Date.now() < until) {
        const n = counter++;
        const template = job.messages[n % job.messages.length] as string;
        try {
          await transport.sendMail({
            envelope: { from: `reporter${n}@example.com`, to: ['report@qinglang.example'] },
            raw: template.replaceAll(PLACEHOLDER, String(n)),
          });
          ok++;
        } catch {
          errors++;
        }
      }
    }),
  );
  for (const t of transports) t.close();
  return { ok, errors, seconds: (Date.now() - started) / 1000, next: counter };
}

// Imported by the main thread for its types and PLACEHOLDER: only a worker runs the load.
if (!isMainThread) serveLoadJobs(run);
