import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { describeError } from './platform/errors.js';
import type { Runtime } from './runtime.js';
import { isFirstStart, seedDemo } from './seed.js';
import { createServices } from './services.js';

/**
 * Serves HTTP until SIGINT/SIGTERM, then shuts down in order: stop accepting, finish in-flight requests,
 * close the pool, stop the embedded database.
 */
export async function serve(runtime: Runtime): Promise<void> {
  const { config, logger, database } = runtime;
  if (config.SEED_DEMO && (await isFirstStart(database.db))) {
    const seeded = await seedDemo(database.db);
    logger.info(seeded, 'first start: demo data seeded');
  }
  const services = createServices(config, database, runtime.keys);
  const app = await buildApp({ config, database, services, logger });

  closeWithGrace({ delay: 15_000, logger }, async ({ signal, err }) => {
    if (err) logger.error({ err: describeError(err) }, 'shutting down after an error');
    else logger.info({ signal }, 'shutting down');
    await app.close();
    await runtime.close();
  });

  const address = await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ address }, 'Qinglang is listening');
  process.stdout.write(
    `\n  Qinglang is running at ${address}\n  API documentation: ${address}/api/docs\n  Health: ${address}/readyz\n\n`,
  );
}
