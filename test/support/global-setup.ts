import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../../src/server/platform/db/embedded.js';
import { runMigrations } from '../../src/server/platform/db/migrate.js';
import { openDatabase, withDatabase } from '../../src/server/platform/db/pool.js';
import { seedDemo } from '../../src/server/seed.js';
import { TEMPLATE_DATABASE } from './database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the test server (embedded, or DATABASE_URL's). */
    pgAdminUrl: string;
    /** The embedded cluster's directory ('' with DATABASE_URL). */
    pgDirectory: string;
  }
}

/**
 * One PostgreSQL server per test run: the embedded one (throwaway cluster, fsync off) unless DATABASE_URL is
 * set. A template database is migrated and seeded once; every test file clones it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let directory = '';
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    directory = await mkdtemp(path.join(os.tmpdir(), 'qinglang-test-pg-'));
    embedded = await startEmbeddedPostgres({
      directory: path.join(directory, 'cluster'),
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const template = openDatabase(withDatabase(adminUrl, TEMPLATE_DATABASE), 2);
  await runMigrations(template.pool);
  await seedDemo(template.db);
  await template.close();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgDirectory', embedded ? embedded.directory : '');
  return async () => {
    await embedded?.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
  };
}
