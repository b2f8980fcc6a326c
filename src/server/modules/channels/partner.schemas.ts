import { z } from 'zod';
import { ZReportCreate } from '../intake/intake.schemas.js';
import { PARTNER_SCOPES } from './channels.tables.js';

export const MAX_BATCH = 1000;

/** One report from a partner: the portal's report (no reporter, no pledge) with the partner's own reference. */
export const ZPartnerItem = ZReportCreate.omit({ reporter: true, truthfulnessPledge: true }).extend({
  reference: z.string().trim().min(1).max(200).meta({ description: "The partner's own id of this report" }),
});
export type TPartnerItem = z.infer<typeof ZPartnerItem>;

/**
 * The body: one item, or `{ reports: [...] }` with up to 1,000. Items are validated one by one (a bad item gets
 * its own error in the answer and does not reject the batch), so the route checks only the envelope.
 */
export const ZPartnerSubmission = z
  .looseObject({
    reports: z.array(z.looseObject({})).min(1).max(MAX_BATCH).optional(),
  })
  .meta({
    description: `One report (see PartnerReport) or { reports: [PartnerReport, …] } with at most ${MAX_BATCH}.`,
  });

export const ZPartnerHeaders = z.looseObject({
  authorization: z.string().optional().meta({ description: 'Bearer <partner API key>' }),
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7E]{8,200}$/, 'field.invalid_format')
    .optional()
    .meta({
      description:
        'The same on every retry of a batch: items already created are answered again, not re-created',
    }),
});

const ZItemResult = z.object({
  index: z.number().int(),
  reference: z.string().nullable(),
  status: z.enum(['created', 'replayed', 'invalid', 'failed']),
  reportNo: z.string().optional(),
  caseNo: z.string().optional(),
  error: z
    .object({
      code: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    })
    .optional(),
});

export const ZPartnerSubmitted = z.object({
  created: z.number().int(),
  replayed: z.number().int(),
  failed: z.number().int(),
  items: z.array(ZItemResult),
});
export type TItemResult = z.infer<typeof ZItemResult>;

export const ZOutcomesQuery = z.object({
  references: z
    .string()
    .max(20_000)
    .optional()
    .meta({ description: 'Comma-separated references; without it the newest reports' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const ZOutcomes = z.object({
  items: z.array(
    z.object({
      reference: z.string(),
      reportNo: z.string(),
      caseNo: z.string(),
      state: z.string(),
      outcome: z.string().nullable(),
      submittedAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
});

export const ZPartnerCreate = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9_-]{1,39}$/, 'field.invalid_format'),
  name: z.string().trim().min(1).max(200),
  trusted: z.boolean().default(false),
});

export const ZPartnerUpdate = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  trusted: z.boolean().optional(),
  webhookUrl: z
    .url({ protocol: /^https?$/, error: 'field.invalid_format' })
    .max(2000)
    .nullable()
    .optional()
    .meta({
      description:
        'Where decisions are POSTed (signed); null removes it. A new URL gets a new secret, shown once.',
    }),
});

export const ZKeyCreate = z.strictObject({
  scopes: z.array(z.enum(PARTNER_SCOPES)).min(1).default(['submit', 'outcomes']),
  rateLimit: z.number().int().min(1).max(100_000).default(60).meta({ description: 'Requests per minute' }),
});

export const ZIdParam = z.object({ id: z.uuid() });
export const ZKeyParam = z.object({ id: z.uuid(), keyId: z.uuid() });

const ZDate = z.coerce.date();

export const ZPartnerList = z.object({
  partners: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      trusted: z.boolean(),
      webhookUrl: z.string().nullable(),
      createdAt: ZDate,
      reports: z.number().int(),
      decided: z.number().int(),
      substantiated: z.number().int(),
      partly: z.number().int(),
      precision: z
        .number()
        .nullable()
        .meta({ description: 'Share of decided reports found substantiated (partly: half)' }),
      keys: z.array(
        z.object({
          id: z.string(),
          prefix: z.string(),
          scopes: z.array(z.string()),
          rateLimit: z.number().int(),
          createdAt: ZDate,
          revokedAt: ZDate.nullable(),
          lastUsedAt: ZDate.nullable(),
        }),
      ),
    }),
  ),
});

export const ZDeliveries = z.object({
  deliveries: z.array(
    z.object({
      id: z.string(),
      event: z.string(),
      status: z.string(),
      attempts: z.number().int(),
      createdAt: ZDate,
      deliveredAt: ZDate.nullable(),
      /** While it is being retried: when the next attempt is due (null while one runs, or once settled). */
      nextAttemptAt: ZDate.nullable(),
      /** The partner's own reference and the report and case it concerns (from the delivered payload). */
      reference: z.string().nullable(),
      reportNo: z.string().nullable(),
      caseNo: z.string().nullable(),
      log: z.array(
        z.object({
          at: z.string(),
          statusCode: z.number().nullable(),
          error: z.string().nullable(),
          durationMs: z.number(),
        }),
      ),
    }),
  ),
});
