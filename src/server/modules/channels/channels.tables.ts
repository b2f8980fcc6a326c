import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/db/types.js';
import { reports } from '../intake/report.tables.js';

/**
 * Channels other than the web portal (issue 6): e-mail threads, partner organisations with their API keys,
 * outcome webhooks and their delivery attempts, and hotline call records. No column holds reporter PII in
 * plaintext: caller numbers are sealed (context 'hotline-caller'), webhook secrets too ('partner-webhook-secret').
 */

/** Message-IDs (SHA-256) of received report mails and of the acknowledgements sent, → the report. */
export const emailThreads = pgTable(
  'email_threads',
  {
    messageIdHash: bytea('message_id_hash').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'inbound' | 'ack' | 'reply'>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('email_threads_report_idx').on(t.reportId),
    check('email_threads_kind_check', sql`kind IN ('inbound', 'ack', 'reply')`),
  ],
);

/**
 * Acknowledgements owed, recorded before the report is submitted (keyed like the e-mail channel's idempotency
 * key, the received Message-ID's hash) so one lost in a crash after the commit is sent by the `email_acks` job.
 * The recipient and threading ids are sealed (context 'email-ack') and erased once sent; the receipt code is
 * never here (the job gets it from the intake's sealed idempotency row, kept 24 hours).
 */
export const emailAcks = pgTable(
  'email_acks',
  {
    keyHash: bytea('key_hash').primaryKey(),
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'cascade' }),
    keyId: text('key_id'),
    wrappedKey: bytea('wrapped_key'),
    sealed: bytea('sealed'),
    state: text('state').$type<'pending' | 'sent' | 'expired'>().notNull().default('pending'),
    attachments: integer('attachments').notNull().default(0),
    skipped: integer('skipped'),
    attempts: integer('attempts').notNull().default(0),
    /** Not tried before this (the receiving process's lease, then the backoff after a failed send). */
    notBefore: timestamp('not_before', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('email_acks_due_idx').on(t.notBefore).where(sql`state = 'pending'`),
    check('email_acks_state_check', sql`state IN ('pending', 'sent', 'expired')`),
  ],
);

export const partnerOrganisations = pgTable('partner_organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Trusted flagger: its reports get a raised priority (and shorter deadlines where SLA rules say so). */
  trusted: boolean('trusted').notNull().default(false),
  webhookUrl: text('webhook_url'),
  /** The webhook signing secret, sealed (shown once when set). */
  webhookKeyId: text('webhook_key_id'),
  webhookWrappedKey: bytea('webhook_wrapped_key'),
  webhookSealed: bytea('webhook_sealed'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const PARTNER_SCOPES = ['submit', 'outcomes'] as const;
export type TPartnerScope = (typeof PARTNER_SCOPES)[number];

/** API keys: SHA-256 of the (256-bit random) secret only; the key itself is shown once. */
export const partnerKeys = pgTable(
  'partner_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partnerOrganisations.id),
    /** The first characters of the key, to tell keys apart in lists (not enough to use it). */
    prefix: text('prefix').notNull(),
    secretHash: bytea('secret_hash').notNull(),
    scopes: text('scopes').array().$type<TPartnerScope[]>().notNull(),
    /** Requests per minute. */
    rateLimit: integer('rate_limit').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('partner_keys_secret_idx').on(t.secretHash),
    index('partner_keys_partner_idx').on(t.partnerId),
  ],
);

/** Which partner (and key) submitted a report, under which of its own references. */
export const partnerReports = pgTable(
  'partner_reports',
  {
    reportId: uuid('report_id')
      .primaryKey()
      .references(() => reports.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partnerOrganisations.id),
    keyId: uuid('key_id').notNull(),
    reference: text('reference').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('partner_reports_ref_idx').on(t.partnerId, t.reference)],
);

/** One outcome notification to a partner's webhook; retried by the job queue. */
export const partnerDeliveries = pgTable(
  'partner_webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partnerOrganisations.id),
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'pending' | 'delivered' | 'failed'>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('partner_deliveries_partner_idx').on(t.partnerId, t.createdAt),
    check('partner_deliveries_status_check', sql`status IN ('pending', 'delivered', 'failed')`),
  ],
);

export const partnerDeliveryAttempts = pgTable(
  'partner_webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => partnerDeliveries.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('partner_attempts_delivery_idx').on(t.deliveryId)],
);

export const CALL_STATES = ['open', 'draft', 'submitted', 'abandoned'] as const;
export type TCallState = (typeof CALL_STATES)[number];

/**
 * Hotline calls: taken by an operator (`open` → `submitted`) or pushed by the call system (`draft`, waiting in
 * the operator queue). Recordings are stored evidence (blob store) kept here until the report is submitted.
 */
export const hotlineCalls = pgTable(
  'hotline_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').$type<'operator' | 'telephony'>().notNull(),
    externalId: text('external_id').unique(),
    state: text('state').$type<TCallState>().notNull(),
    operatorId: uuid('operator_id'),
    line: text('line').notNull(),
    callerKeyId: text('caller_key_id'),
    callerWrappedKey: bytea('caller_wrapped_key'),
    callerSealed: bytea('caller_sealed'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    anonymous: boolean('anonymous').notNull().default(true),
    recordingConsent: boolean('recording_consent').notNull().default(false),
    summary: text('summary'),
    transcript: text('transcript'),
    /** Stored recordings (prepared evidence, file names sealed), attached to the report on submission. */
    recordings: jsonb('recordings').$type<unknown[]>().notNull().default([]),
    reportId: uuid('report_id').references(() => reports.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hotline_calls_state_idx').on(t.state, t.startedAt),
    check('hotline_calls_state_check', sql`state IN ('open', 'draft', 'submitted', 'abandoned')`),
    check('hotline_calls_source_check', sql`source IN ('operator', 'telephony')`),
  ],
);
