import path from 'node:path';
import type { Logger } from 'pino';
import type { TConfig } from './platform/config.js';
import { type DerivedKeys, deriveKeys } from './platform/crypto/keys.js';
import { loadMasterKey, masterKeyFromBase64 } from './platform/crypto/master-key.js';
import { loadIndexRoot } from './platform/crypto/root-key.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './platform/db/embedded.js';
import { runMigrations } from './platform/db/migrate.js';
import { type Database, openDatabase } from './platform/db/pool.js';

/** What every command needs: the database (embedded or external, migrated) and the keys. */
export interface Runtime {
  config: TConfig;
  logger: Logger;
  database: Database;
  keys: DerivedKeys;
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

export async function openRuntime(config: TConfig, logger: Logger): Promise<Runtime> {
  const master = await loadMasterKey({
    configured: config.MASTER_KEY,
    production: config.NODE_ENV === 'production',
    dataDir: config.dataDir,
    warn: (message) => logger.warn(message),
  });
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const directory = path.join(config.dataDir, 'postgres');
    logger.info({ directory }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ directory, onLog: (line) => logger.debug({ postgres: line }) });
    logger.info({ port: embedded.port }, 'embedded PostgreSQL ready on 127.0.0.1');
    url = embedded.url;
  }
  const database = openDatabase(url, config.DB_POOL_SIZE);
  try {
    await runMigrations(database.pool);
  } catch (err) {
    await database.close();
    await embedded?.stop();
    throw err;
  }
  const previous = (config.MASTER_KEY_PREVIOUS ?? '')
    .split(',')
    .filter((k) => k.trim())
    .map((k) => masterKeyFromBase64(k.trim()));
  let indexRoot: Buffer;
  try {
    indexRoot = await loadIndexRoot(database.db, [master, ...previous]);
  } catch (err) {
    await database.close();
    await embedded?.stop();
    throw err;
  }
  return {
    config,
    logger,
    database,
    keys: deriveKeys(master, { previous, indexRoot }),
    ...(embedded ? { embedded } : {}),
    async close() {
      await database.close();
      if (embedded) {
        await embedded.stop();
        logger.info('embedded PostgreSQL stopped');
      }
    },
  };
}
