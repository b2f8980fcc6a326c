import { Writable } from 'node:stream';
import { loadConfig } from '../../src/server/platform/config.js';
import { createLogger } from '../../src/server/platform/logger.js';
import { openRuntime } from '../../src/server/runtime.js';
import { isFirstStart, seedDemo } from '../../src/server/seed.js';
import { createServices } from '../../src/server/services.js';

const quiet = new Writable({ write: (_c, _e, done) => done() });

/**
 * The platform as `npm start` runs it — embedded PostgreSQL under DATA_DIR, the development master key there,
 * the demo seed on first start — without HTTP, for tests that restart it.
 */
export async function startPlatform(dataDir: string, env: Record<string, string> = {}) {
  const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env });
  const logger = createLogger('warn', quiet);
  const runtime = await openRuntime(config, logger);
  if (await isFirstStart(runtime.database.db)) await seedDemo(runtime.database.db);
  const services = createServices(config, runtime.database, runtime.keys);
  return { config, logger, runtime, services };
}
