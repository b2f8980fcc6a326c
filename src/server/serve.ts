import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { runJobs } from './jobs.js';
import { startEmailIntake } from './modules/channels/email.start.js';
import { formatDemoLogins, seedDemoStaff } from './modules/org/staff.seed.js';
import { seedSlaRules } from './modules/sla/sla.service.js';
import { describeError } from './platform/errors.js';
import type { Runtime } from './runtime.js';
import { isFirstStart, seedDemo } from './seed.js';
import { createServices } from './services.js';

/**
 * Serves HTTP (and, unless JOBS=separate, runs background jobs) until SIGINT/SIGTERM, then shuts down in
 * order: stop accepting, finish in-flight requests, let running jobs finish, close the pool, stop the embedded
 * database.
 */
export async function serve(runtime: Runtime): Promise<void> {
  const { config, logger, database } = runtime;
  const firstStart = config.SEED_DEMO && (await isFirstStart(database.db));
  if (firstStart) {
    const seeded = await seedDemo(database.db);
    logger.info(seeded, 'first start: demo data seeded');
  }
  await seedSlaRules(database.db);
  const services = createServices(config, database, runtime.keys);
  if (firstStart) {
    // Demo logins go to stdout once, never through the logger.
    const logins = await seedDemoStaff({ db: database.db, keys: runtime.keys, staff: services.staff });
    logger.info({ accounts: logins.length }, 'first start: demo staff accounts created');
    process.stdout.write(formatDemoLogins(logins));
  }
  const app = await buildApp({ config, database, services, logger });
  const worker = config.JOBS === 'in-process' ? await runJobs(config, database, services, logger) : undefined;
  // The e-mail channel (issue 6): SMTP receiver on SMTP_PORT (0: off), optional IMAP polling.
  const email = await startEmailIntake({ config, db: database.db, keys: runtime.keys, services, logger });

  closeWithGrace({ delay: 15_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err: describeError(err) }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await email.close();
    await app.close();
    await worker?.stop();
    services.mailer.close();
    await services.text.close();
    await runtime.close();
  });

  const address = await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ address }, 'Qinglang is listening');
  process.stdout.write(
    `\n  Qinglang is running at ${address}\n  API documentation: ${address}/api/docs\n  Health: ${address}/readyz\n\n`,
  );
}
