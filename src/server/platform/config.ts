import path from 'node:path';
import { z } from 'zod';

const ZPort = z.coerce.number().int().min(0).max(65535);
const ZBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Every setting the server reads from the environment, validated once at start. */
export const ZConfig = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: ZPort.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded as base64')
    .optional(),
  /** Comma-separated earlier master keys, kept while `qinglang rotate-master-key` re-wraps data keys. */
  MASTER_KEY_PREVIOUS: z
    .string()
    .refine(
      (v) => v.split(',').every((k) => Buffer.from(k.trim(), 'base64').length === 32),
      'must be comma-separated 32-byte keys encoded as base64',
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
    .default('Asia/Shanghai'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  SEED_DEMO: ZBool.default(true),
  /** Days after a case is closed that reporter identities and evidence are kept (then purged nightly). */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(365),
  /** `in-process`: the server also runs background jobs; `separate`: only `qinglang worker` processes do. */
  JOBS: z.enum(['in-process', 'separate']).default('in-process'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  /** Where reports' text is segmented for search (jieba): `thread`, a worker thread; `inline`, the event loop. */
  TEXT_ANALYSIS: z.enum(['thread', 'inline']).default('thread'),
  /** Outbound e-mail relay (`smtp://user:pass@host:587`); unset: .eml files in `<DATA_DIR>/outbox/`. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().trim().pipe(z.email()).default('noreply@qinglang.example'),
  /** SMS gateway taking POST `{ to, text }` (bearer token); unset: JSON files in `<DATA_DIR>/outbox/sms/`. */
  SMS_GATEWAY_URL: z.url().optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).optional(),
  /** Working days an overdue stage waits before the superior department gets a supervision item (督办). */
  SLA_SUPERVISION_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(2),
  TRUST_PROXY: ZBool.default(false),
  /** Mark cookies Secure (default: on in production; the server must then be reached over HTTPS). */
  SECURE_COOKIES: ZBool.optional(),
  /** Bearer token for GET /metrics from other hosts (loopback may always read it). */
  METRICS_TOKEN: z.string().min(16).optional(),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  /** Failed receipt codes allowed per client address per window (successes do not count). */
  RECEIPT_LOOKUP_LIMIT: z.coerce.number().int().min(1).default(20),
  RECEIPT_LOOKUP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Failed receipt codes allowed across ALL addresses per window (a distributed-guessing circuit breaker). */
  RECEIPT_GLOBAL_FAILURE_LIMIT: z.coerce.number().int().min(1).default(5000),
  RECEIPT_GLOBAL_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Delay before answering an address with recent failures: base × 2^(failures − 2), capped. */
  RECEIPT_BACKOFF_BASE_MS: z.coerce.number().int().min(0).default(250),
  RECEIPT_BACKOFF_MAX_MS: z.coerce.number().int().min(0).default(4000),
  /** A success after at least this many failures from the same address is audited. */
  RECEIPT_AUDIT_AFTER_FAILURES: z.coerce.number().int().min(1).default(5),
  RECEIPT_SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).default(1800),
  RECEIPT_SESSION_ABSOLUTE_SECONDS: z.coerce.number().int().min(60).default(14_400),
  /** Proof-of-work bits asked of the public web channel (~1 s in a phone browser at 18); 0 turns it off. */
  POW_DIFFICULTY: z.coerce.number().int().min(0).max(32).default(18),
  /** Web submissions allowed per client address per window (proof of work is the main brake). */
  SUBMIT_RATE_LIMIT: z.coerce.number().int().min(1).default(300),
  SUBMIT_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
  /** Evidence uploads: largest single file, most files per upload, largest upload in total (bytes). */
  EVIDENCE_MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  EVIDENCE_MAX_FILES: z.coerce.number().int().min(1).max(100).default(10),
  EVIDENCE_MAX_TOTAL_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100 * 1024 * 1024),
  /** Shown on the public portal: the reporting hotline and the e-mail address that takes reports. */
  PUBLIC_HOTLINE: z.string().trim().min(1).max(40).default('12377'),
  PUBLIC_REPORT_EMAIL: z.string().trim().pipe(z.email()).default('report@qinglang.example'),
  /** Inbound e-mail (issue 6): the SMTP receiver's port (0: off) and bind address; largest message (bytes). */
  SMTP_PORT: ZPort.default(2525),
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(30 * 1024 * 1024),
  /** Comma-separated addresses that take reports (others: 550); `local+token@domain` reaches `local@domain`. */
  REPORT_ADDRESSES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email()).min(1))
    .default(['report@qinglang.example']),
  /** Optional IMAP mailbox to poll (`imaps://user:pass@host:993/INBOX`); unset: no polling. */
  IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\//, 'must be an imap:// or imaps:// URL')
    .optional(),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(5).default(60),
  /** Shared secret of the telephony webhook (HMAC-SHA-256); unset: the webhook refuses every call. */
  TELEPHONY_SECRET: z.string().min(16).optional(),
  /** Partner outcome webhooks: time allowed per delivery attempt. */
  PARTNER_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Let partner webhooks reach loopback/private addresses (off: they are refused, against SSRF). */
  PARTNER_WEBHOOK_ALLOW_PRIVATE: ZBool.default(false),
  /** The built web apps (`npm run build`); not served when missing. */
  WEB_ROOT: z.string().min(1).default('dist/web'),
});

export type TConfig = z.infer<typeof ZConfig> & { dataDir: string };

export class ConfigError extends Error {}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses the environment; a wrong value throws a ConfigError naming the variable and the reason. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}
