import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import {
  createTestStaff,
  issueTestSession,
  type TTestSession,
  type TTestStaffInput,
} from '../../src/server/modules/org/staff.testing.js';
import { loadConfig, type TConfig } from '../../src/server/platform/config.js';
import { type DerivedKeys, deriveKeys } from '../../src/server/platform/crypto/keys.js';
import { masterKeyFromBase64 } from '../../src/server/platform/crypto/master-key.js';
import type { Database } from '../../src/server/platform/db/pool.js';
import { createLogger } from '../../src/server/platform/logger.js';
import { createServices, type Services } from '../../src/server/services.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  services: Services;
  keys: DerivedKeys;
  config: TConfig;
  /** Every log line the app wrote, as text. */
  logs: string[];
  /** A new staff account (`createTestStaff`) with a full session written directly (`issueTestSession`). */
  staffSession(input: TTestStaffInput): Promise<TTestSession & { id: string }>;
  close(): Promise<void>;
}

/** Builds the real application on a fresh test database, capturing its logs. */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { database?: Database } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: '/nonexistent',
    // API tests do not depend on a web build being present.
    WEB_ROOT: '/nonexistent-web-root',
    POW_DIFFICULTY: '0',
    ...env,
  });
  const keys = deriveKeys(masterKeyFromBase64(randomBytes(32).toString('base64')));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger(config.LOG_LEVEL, sink);
  const database = options.database ?? db;
  const services = createServices(config, database, keys);
  const app = await buildApp({ config, database, services, logger });
  await app.ready();
  return {
    app,
    db,
    services,
    keys,
    config,
    logs,
    async staffSession(input) {
      const user = await createTestStaff({ db: db.db, keys, staff: services.staff }, input);
      return { ...(await issueTestSession(db.db, user.id)), id: user.id };
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

type TPayload = InjectOptions['payload'];
type THeaders = Record<string, string>;

/**
 * Sends requests through `app.inject` as a staff session: its cookie, its CSRF token and an
 * Accept-Language (`lang`, default `'en'`; `null` sends none). Per-request `headers` are added and win;
 * without a payload no body is sent.
 */
export function staffClient(
  app: FastifyInstance,
  session: TTestSession,
  { lang = 'en' }: { lang?: string | null } = {},
) {
  const own: THeaders = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  if (lang !== null) own['accept-language'] = lang;
  const send = (method: InjectOptions['method'], url: string, payload?: TPayload, headers?: THeaders) =>
    app.inject({ method, url, headers: { ...own, ...headers }, payload });
  return {
    get: (url: string, headers?: THeaders) => send('GET', url, undefined, headers),
    post: (url: string, payload?: TPayload, headers?: THeaders) => send('POST', url, payload, headers),
    put: (url: string, payload?: TPayload, headers?: THeaders) => send('PUT', url, payload, headers),
    patch: (url: string, payload?: TPayload, headers?: THeaders) => send('PATCH', url, payload, headers),
    delete: (url: string, headers?: THeaders) => send('DELETE', url, undefined, headers),
  };
}

/** Requests as one staff session (`staffClient`). */
export type TStaffClient = ReturnType<typeof staffClient>;

/** Row counts of the tables a report writes. */
export interface TRowCounts {
  reports: number;
  cases: number;
  case_events: number;
  receipts: number;
  reporter_identities: number;
  audit_log: number;
}

export async function countRows(db: Database): Promise<TRowCounts> {
  const { rows } = await db.pool.query<TRowCounts>(`SELECT
    (SELECT count(*)::int FROM reports) AS reports,
    (SELECT count(*)::int FROM cases) AS cases,
    (SELECT count(*)::int FROM case_events) AS case_events,
    (SELECT count(*)::int FROM receipts) AS receipts,
    (SELECT count(*)::int FROM reporter_identities) AS reporter_identities,
    (SELECT count(*)::int FROM audit_log) AS audit_log`);
  const [row] = rows;
  if (!row) throw new Error('no counts');
  return row;
}

/** Eight random digits. */
function uniqueSuffix(): string {
  return String(randomBytes(6).readUIntBE(0, 6)).padStart(15, '0').slice(-8);
}

/** A valid report body; override fields per test. */
export function reportBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'fraud',
    description:
      '有人冒充快递客服打电话说我的包裹丢了要理赔，让我下载会议软件共享屏幕，然后转走了我银行卡里的钱。',
    answers: { contactChannel: 'phone_call', amountLost: 3200 },
    // Distinct targets per call: reports sharing a target join one case (targets module, clustering).
    targets: [`https://kuaidi-lipei-${uniqueSuffix()}.cn/claim`, `+86 171 ${uniqueSuffix().slice(0, 8)}`],
    regionCode: '440106',
    truthfulnessPledge: true,
    ...overrides,
  };
}
