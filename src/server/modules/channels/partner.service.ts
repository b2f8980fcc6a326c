import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.js';
import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { seal } from '../../platform/crypto/seal.js';
import type { Db, DbOrTx } from '../../platform/db/pool.js';
import { AppError, isDatabaseUnavailable } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import { issueToFieldErrors, type TIssueLike } from '../../platform/http/validation.js';
import { translate } from '../../platform/i18n/translate.js';
import { enqueueJob } from '../../platform/jobs/jobs.js';
import { assertPublicUrl } from '../../platform/net/public-address.js';
import type { RateLimiter } from '../../platform/rate-limit.js';
import type { IntakeService } from '../intake/intake.service.js';
import type { IntakeResult } from '../intake/intake.types.js';
import type { TPartnerScope } from './channels.tables.js';
import {
  findLiveKey,
  findPartner,
  insertDelivery,
  insertKey,
  insertPartner,
  insertPartnerReports,
  listDeliveries,
  listKeys,
  listPartners,
  partnerOutcomes,
  revokeKey,
  updatePartner,
  webhookJobKey,
  webhookTargetsOfCase,
} from './partner.repository.js';
import { MAX_BATCH, type TItemResult, ZPartnerItem } from './partner.schemas.js';
import { deliverWebhook, WEBHOOK_SECRET_CONTEXT } from './partner.webhooks.js';

/** Reports of one batch submitted to intake at once (its group commit writes them in shared statements). */
const CONCURRENCY = 128;
/** Case actions a partner is told about. */
const NOTIFIED_ACTIONS = new Set(['decide', 'not_accept', 'close', 'reopen']);

export interface TPartnerContext {
  keyId: string;
  partnerId: string;
  code: string;
  trusted: boolean;
  scopes: TPartnerScope[];
}

const hashSecret = (key: string) =>
  createHash('sha256').update(`qinglang:partner-key:${key}`, 'utf8').digest();

export function createPartnerService(deps: {
  db: Db;
  keys: DerivedKeys;
  intake: IntakeService;
  rateLimiter: RateLimiter;
  webhookTimeoutMs: number;
  /** Let webhooks reach private addresses (tests and closed networks only). */
  webhookAllowPrivate?: boolean;
  /** For tests: how webhooks are POSTed (default: global fetch). */
  fetch?: typeof fetch;
}) {
  const { db, keys, intake, rateLimiter } = deps;

  async function existing(id: string) {
    const partner = await findPartner(db, id);
    if (!partner) throw new AppError('partner_not_found', 404);
    return partner;
  }

  async function submitOne(
    ctx: TPartnerContext,
    raw: unknown,
    index: number,
    batchKey: string | undefined,
    language: TLanguage,
  ): Promise<TItemResult & { reportId?: string }> {
    const reference =
      raw && typeof raw === 'object' && typeof (raw as { reference?: unknown }).reference === 'string'
        ? ((raw as { reference: string }).reference.slice(0, 200) ?? null)
        : null;
    const parsed = ZPartnerItem.safeParse(raw);
    if (!parsed.success) {
      const fields = parsed.error.issues.flatMap((i) =>
        issueToFieldErrors(i as unknown as TIssueLike, raw, language),
      );
      return { index, reference, status: 'invalid', error: { code: 'validation_failed', fields } };
    }
    const item = parsed.data;
    const idempotencyKey = batchKey
      ? `partner:${ctx.partnerId}:${batchKey}:${index}:${item.reference}`
      : undefined;
    const done = (r: IntakeResult, status: 'created' | 'replayed') => ({
      index,
      reference: item.reference,
      status,
      reportNo: r.reportNo,
      caseNo: r.caseNo,
      reportId: r.reportId,
    });
    try {
      const replayed = idempotencyKey ? await intake.replay(idempotencyKey) : undefined;
      if (replayed) return done(replayed, 'replayed');
      const result = await intake.submit({
        channel: 'partner',
        category: item.category,
        description: item.description,
        answers: item.answers,
        occurredAt: item.occurredAt ? new Date(item.occurredAt) : undefined,
        regionCode: item.regionCode,
        targets: item.targets,
        language,
        idempotencyKey,
        minimumPriority: ctx.trusted ? 'high' : undefined,
      });
      return done(result, 'created');
    } catch (err) {
      if (isDatabaseUnavailable(err)) throw err;
      if (err instanceof AppError && err.status < 500) {
        return {
          index,
          reference: item.reference,
          status: 'invalid',
          error: { code: err.code, fields: err.fields },
        };
      }
      return { index, reference: item.reference, status: 'failed', error: { code: 'internal' } };
    }
  }

  return {
    /** Resolves `Authorization: Bearer <key>` to a live key (401), checks its scope (403) and rate (429). */
    async authenticate(header: string | undefined, scope: TPartnerScope): Promise<TPartnerContext> {
      const token = /^Bearer\s+(qlp_[A-Za-z0-9_-]{20,100})$/.exec(header ?? '')?.[1];
      const key = token ? await findLiveKey(db, hashSecret(token)) : undefined;
      if (!key)
        throw new AppError('partner_key_invalid', 401, {}, undefined, { 'www-authenticate': 'Bearer' });
      if (!key.scopes.includes(scope)) throw new AppError('partner_scope_missing', 403, { scope });
      const rule = { name: 'partner-key', limit: key.rateLimit, windowSeconds: 60 };
      const bucket = await rateLimiter.hit(rule, key.id);
      if (bucket.count > rule.limit) throw rateLimiter.limited(rule, bucket.expiresAt);
      return {
        keyId: key.id,
        partnerId: key.partnerId,
        code: key.code,
        trusted: key.trusted,
        scopes: key.scopes,
      };
    },

    /**
     * One report or a batch: each item validated and submitted through intake on its own (concurrently, so the
     * intake's group commit writes many per statement); a bad item gets its own error. With an Idempotency-Key a
     * retried batch answers the items already created instead of creating them again.
     */
    async submit(ctx: TPartnerContext, items: unknown[], batchKey: string | undefined, language: TLanguage) {
      if (items.length > MAX_BATCH) throw new AppError('partner_batch_too_large', 400, { limit: MAX_BATCH });
      const results: (TItemResult & { reportId?: string })[] = new Array(items.length);
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const i = next++;
          results[i] = await submitOne(ctx, items[i], i, batchKey, language);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
      // Which partner sent which report (a retry with the same key repairs a link lost after a crash).
      await insertPartnerReports(
        db,
        results.flatMap((r) =>
          r.reportId && r.reference
            ? [{ reportId: r.reportId, partnerId: ctx.partnerId, keyId: ctx.keyId, reference: r.reference }]
            : [],
        ),
      );
      const count = (s: string) => results.filter((r) => r.status === s).length;
      return {
        created: count('created'),
        replayed: count('replayed'),
        failed: items.length - count('created') - count('replayed'),
        items: results.map(({ reportId: _, ...r }) => r),
      };
    },

    async outcomes(ctx: TPartnerContext, query: { references?: string | undefined; limit: number }) {
      const references = query.references
        ?.split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const rows = await partnerOutcomes(db, ctx.partnerId, { references, limit: query.limit });
      return rows.map((r) => ({
        ...r,
        submittedAt: new Date(r.submittedAt).toISOString(),
        updatedAt: new Date(r.updatedAt).toISOString(),
      }));
    },

    /** Partners with precision (share of decided reports decided substantiated, partly counted half). */
    async list() {
      const rows = await listPartners(db);
      return Promise.all(
        rows.map(async (p) => ({
          ...p,
          precision: p.decided > 0 ? Number(((p.substantiated + p.partly / 2) / p.decided).toFixed(3)) : null,
          keys: await listKeys(db, p.id),
        })),
      );
    },

    async create(actorId: string, input: { code: string; name: string; trusted: boolean }) {
      return db.transaction(async (tx) => {
        const id = await insertPartner(tx, input);
        if (!id) throw new AppError('partner_exists', 409);
        await recordAudit(tx, {
          actorType: 'staff',
          actorId,
          action: 'partner.created',
          subjectType: 'partner',
          subjectId: id,
          payload: { code: input.code, trusted: input.trusted },
        });
        return { id };
      });
    },

    /** Updates a partner; a new webhook URL gets a new signing secret, returned once. */
    async update(
      actorId: string,
      language: TLanguage,
      id: string,
      change: {
        name?: string | undefined;
        trusted?: boolean | undefined;
        webhookUrl?: string | null | undefined;
      },
    ) {
      await existing(id);
      if (change.webhookUrl && !deps.webhookAllowPrivate) {
        // Refused when saved, not only when delivering (SSRF): private, loopback and unresolvable hosts.
        const refused = await assertPublicUrl(change.webhookUrl).then(
          () => false,
          () => true,
        );
        if (refused) {
          const message = translate(language, 'field.webhook_private');
          throw new AppError('validation_failed', 400, {}, [{ path: 'webhookUrl', message }]);
        }
      }
      const secret = change.webhookUrl ? `whsec_${randomBytes(32).toString('base64url')}` : undefined;
      await db.transaction(async (tx) => {
        await updatePartner(tx, id, {
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.trusted !== undefined ? { trusted: change.trusted } : {}),
          ...(change.webhookUrl !== undefined ? { webhookUrl: change.webhookUrl } : {}),
          ...(change.webhookUrl !== undefined
            ? { secret: secret ? seal(keys.master, WEBHOOK_SECRET_CONTEXT, secret) : null }
            : {}),
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId,
          action: 'partner.updated',
          subjectType: 'partner',
          subjectId: id,
          payload: { fields: Object.keys(change).sort() },
        });
      });
      return { webhookSecret: secret };
    },

    /** A new API key: returned once; only its hash is stored. */
    async createKey(
      actorId: string,
      partnerId: string,
      input: { scopes: TPartnerScope[]; rateLimit: number },
    ) {
      await existing(partnerId);
      const key = `qlp_${randomBytes(32).toString('base64url')}`;
      const prefix = key.slice(0, 12);
      const id = await db.transaction(async (tx) => {
        const keyId = await insertKey(tx, {
          partnerId,
          prefix,
          secretHash: hashSecret(key),
          ...input,
          createdBy: actorId,
        });
        await recordAudit(tx, {
          actorType: 'staff',
          actorId,
          action: 'partner.key_created',
          subjectType: 'partner',
          subjectId: partnerId,
          payload: { keyId, scopes: input.scopes, rateLimit: input.rateLimit },
        });
        return keyId;
      });
      return { id, key, prefix, scopes: input.scopes, rateLimit: input.rateLimit };
    },

    async revokeKey(actorId: string, partnerId: string, keyId: string) {
      await db.transaction(async (tx) => {
        if (!(await revokeKey(tx, partnerId, keyId))) throw new AppError('partner_not_found', 404);
        await recordAudit(tx, {
          actorType: 'staff',
          actorId,
          action: 'partner.key_revoked',
          subjectType: 'partner',
          subjectId: partnerId,
          payload: { keyId },
        });
      });
    },

    /** One attempt of the `partner_webhook` job (throws on failure so the queue retries with backoff). */
    deliver(deliveryId: string, final: boolean) {
      return deliverWebhook(
        {
          db,
          keys,
          timeoutMs: deps.webhookTimeoutMs,
          fetch: deps.fetch,
          allowPrivate: deps.webhookAllowPrivate,
        },
        deliveryId,
        final,
      );
    },

    async deliveries(partnerId: string) {
      await existing(partnerId);
      return listDeliveries(db, partnerId, 200);
    },

    /** In the case change's transaction: an outcome notification per partner report of the case (job queued). */
    async onCaseChange(
      tx: DbOrTx,
      change: { caseId: string; action: string; to: string; fields: Record<string, string> },
    ) {
      if (!NOTIFIED_ACTIONS.has(change.action)) return;
      for (const t of await webhookTargetsOfCase(tx, change.caseId)) {
        const payload = {
          event: `report.${change.to}`,
          reference: t.reference,
          reportNo: t.reportNo,
          caseNo: t.caseNo,
          state: change.to,
          outcome: change.fields.outcome ?? null,
          at: new Date().toISOString(),
        };
        const deliveryId = await insertDelivery(tx, {
          partnerId: t.partnerId,
          event: payload.event,
          payload,
        });
        await enqueueJob(
          tx,
          'partner_webhook',
          { deliveryId },
          { maxAttempts: 12, jobKey: webhookJobKey(deliveryId) },
        );
      }
    },
  };
}

export type PartnerService = ReturnType<typeof createPartnerService>;
