/**
 * E-mail channel benchmark: `npm run bench:email [-- --duration N --rounds N --connections N]`.
 *
 * Starts the server on a fresh database with the SMTP receiver, then alternates short rounds of (a) report mails
 * sent over real SMTP from several connections (each mail a new report, acknowledged through an SMTP relay in a
 * worker thread, as in production; `--outbox` writes the acknowledgements to the outbox instead) and (b) web
 * intake (`POST /api/v1/reports`, autocannon) with the same report texts and connections. Prints `email_rps`,
 * `web_rps` and `ratio` (median of per-round ratios; target ≥ 0.5) on stdout.
 */
import { parseArgs } from 'node:util';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { pino } from 'pino';
import { startSmtpReceiver } from '../src/server/modules/channels/email.receiver.js';
import { createEmailChannel } from '../src/server/modules/channels/email.service.js';
import { createMailer, type Mailer } from '../src/server/platform/mail/mailer.js';
import { createServices } from '../src/server/services.js';
import { runBench } from './bench-server.js';
import { type LoadResult, runInWorker, runLoad, startWorker } from './load.js';
import { generateReportBodies } from './report-bodies.js';
import { PLACEHOLDER, type SmtpLoadJob, type SmtpLoadResult } from './smtp-load-worker.js';

const log = (message: string) => process.stderr.write(`[bench:email] ${message}\n`);
process.env.POW_DIFFICULTY ??= '0';
process.env.SUBMIT_RATE_LIMIT ??= '100000000';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '24' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    bodies: { type: 'string', default: '200' },
    outbox: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const roundSeconds = Math.max(2, Math.round(Number(values.duration) / rounds / 2));
const connections = Number(values.connections);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

/** The relay acknowledgements go out through (a worker thread), and how many it has taken. */
async function startRelaySink(): Promise<{ port: number; count(): Promise<number> }> {
  const worker = startWorker('./relay-sink-worker.ts');
  const { port } = await new Promise<{ port: number }>((resolve) => worker.once('message', resolve));
  return {
    port,
    count: () =>
      new Promise<number>((resolve) => {
        worker.once('message', (m: { count: number }) => resolve(m.count));
        worker.postMessage('count');
      }),
  };
}

const bodies = generateReportBodies(Number(values.bodies));
runBench(log, async (server) => {
  const { runtime } = server;
  const services = createServices(runtime.config, runtime.database, runtime.keys);
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const relay = values.outbox ? undefined : await startRelaySink();
  const mailer: Mailer = relay
    ? createMailer({
        smtpUrl: `smtp://127.0.0.1:${relay.port}`,
        from: runtime.config.MAIL_FROM,
        outboxDir: '',
      })
    : services.mailer;
  const channel = createEmailChannel({
    db: runtime.database.db,
    keys: runtime.keys,
    intake: services.intake,
    evidence: services.evidence,
    mailer,
    reportAddresses: runtime.config.REPORT_ADDRESSES,
    logger,
  });
  const smtp = await startSmtpReceiver({ channel, host: '127.0.0.1', port: 0, maxBytes: 30 << 20, logger });
  log(
    `SMTP receiver on 127.0.0.1:${smtp.port}, ${connections} connections, rounds of ${roundSeconds} s; ` +
      (relay
        ? `acknowledgements through the relay on 127.0.0.1:${relay.port}`
        : 'acknowledgements to the outbox'),
  );
  // Composed once, outside the measured rounds: the server's work is receiving, not the client's composing.
  const messages = await Promise.all(
    bodies.map(async (body) => {
      const mail = new MailComposer({
        from: `reporter${PLACEHOLDER}@example.com`,
        to: 'report@qinglang.example',
        subject: body.description.slice(0, 30),
        text: body.description,
        messageId: `<${PLACEHOLDER}.bench@example.com>`,
      });
      return (await mail.compile().build()).toString('utf8');
    }),
  );
  let next = 0;
  async function emailRound(): Promise<{ rps: number; ok: number; errors: number }> {
    const r = await runInWorker<SmtpLoadResult>('./smtp-load-worker.ts', {
      port: smtp.port,
      connections,
      durationSeconds: roundSeconds,
      messages,
      first: next,
    } satisfies SmtpLoadJob);
    next = r.next;
    await channel.flush();
    return { rps: r.ok / r.seconds, ok: r.ok, errors: r.errors };
  }
  const webRound = (): Promise<LoadResult> =>
    runLoad({
      url: server.url,
      path: '/api/v1/reports',
      bodies: bodies.map((b) => JSON.stringify(b)),
      connections,
      durationSeconds: roundSeconds,
    });

  await emailRound();
  await webRound();
  const emails: number[] = [];
  const webs: number[] = [];
  let emailErrors = 0;
  let webErrors = 0;
  for (let i = 1; i <= rounds; i++) {
    const e = await emailRound();
    const w = await webRound();
    emailErrors += e.errors;
    webErrors += w.errors;
    emails.push(e.rps);
    webs.push(w.rps);
    log(
      `round ${i}/${rounds}: email ${e.rps.toFixed(1)}/s (${e.errors} failed), web ${w.rps.toFixed(1)}/s (${w.errors} failed)`,
    );
  }
  const ratios = emails.map((e, i) => e / Math.max(webs[i] ?? 0, 1e-9));
  const { rows } = await runtime.database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM reports WHERE channel = 'email'`,
  );
  process.stdout.write(
    [
      `email_rps: ${median(emails).toFixed(1)}`,
      `web_rps: ${median(webs).toFixed(1)}`,
      `ratio: ${median(ratios).toFixed(2)}`,
      `email_errors: ${emailErrors}`,
      `web_errors: ${webErrors}`,
      `email_reports_stored: ${rows[0]?.n ?? 0}`,
      ...(relay ? [`acks_relayed: ${await relay.count()}`] : []),
      '',
    ].join('\n'),
  );
  await smtp.close();
  mailer.close();
  return emailErrors + webErrors > 0 ? 1 : 0;
});
