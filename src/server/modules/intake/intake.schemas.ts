import { z } from 'zod';
import { isKnownRegion } from '../org/region.js';
import { normaliseIdNumber, normalisePhone } from '../reporters/identity.js';

const CLOCK_SKEW_MS = 5 * 60_000;

export const ZReporter = z
  .strictObject({
    name: z.string().trim().min(1).max(50).optional(),
    phone: z
      .string()
      .max(40)
      .refine((v) => normalisePhone(v) !== undefined, 'field.phone_invalid')
      .optional(),
    email: z.string().trim().max(254).pipe(z.email('field.email_invalid')).optional(),
    idNumber: z
      .string()
      .max(40)
      .refine((v) => normaliseIdNumber(v) !== undefined, 'field.id_number_invalid')
      .optional(),
    address: z.string().trim().min(1).max(200).optional(),
    contactConsent: z.boolean().optional().meta({
      description: 'The reporter agrees to be contacted (by e-mail or SMS) about the progress of the report.',
    }),
  })
  .refine(
    ({ contactConsent: _, ...r }) => Object.values(r).some((v) => v !== undefined),
    'field.reporter_empty',
  )
  .meta({ description: 'Real-name reporter details; leave the whole object out to report anonymously.' });

export const ZReportCreate = z.strictObject({
  category: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .meta({ description: 'A category code from GET /api/v1/categories' }),
  description: z.string().trim().min(10).max(10_000),
  answers: z
    .record(z.string(), z.unknown())
    .default({})
    .meta({ description: "Answers to the category's questionnaire, by question key" }),
  occurredAt: z.iso
    .datetime({ offset: true, error: 'field.date_invalid' })
    .refine((v) => Date.parse(v) <= Date.now() + CLOCK_SKEW_MS, 'field.date_in_future')
    .optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, 'field.region_invalid')
    .refine(isKnownRegion, 'field.region_unknown')
    .optional()
    .meta({ description: 'GB/T 2260 six-digit administrative code of where it happened' }),
  targets: z
    .array(z.string().trim().min(1).max(2000))
    .max(50)
    .default([])
    .meta({ description: 'What is reported: URLs, phone numbers, accounts, apps, payment accounts' }),
  reporter: ZReporter.optional(),
  truthfulnessPledge: z.literal(true, 'field.pledge_required'),
});
export type TReportCreate = z.infer<typeof ZReportCreate>;

export const ZReportCreated = z.object({
  reportNo: z.string().meta({ example: 'JB20261127-000123' }),
  receiptCode: z.string().meta({
    example: '1234-5678-9012-3456',
    description: 'Shown once: it cannot be recovered. Use it to follow the report anonymously.',
  }),
  caseNo: z.string(),
  status: z.string(),
});

export const ZProofHeader = z.looseObject({
  'x-proof-of-work': z.string().max(200).optional().meta({
    description: '`<challenge>:<nonce>` for a challenge from GET /api/v1/pow',
    example: 'v1.…:12345',
  }),
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7E]{8,200}$/, 'field.invalid_format')
    .optional()
    .meta({
      description:
        "A random token per report (e.g. a UUID), the same on every retry: a key already used within 24 hours is answered with the first submission's 201 body (header Idempotent-Replayed: true) and never creates a second report.",
      example: '9b2f4c1e-3d7a-4f1b-8c2e-5a6d7e8f9a0b',
    }),
});

export const ZPowChallenge = z.object({
  challenge: z.string().meta({ description: 'Single use, valid for 5 minutes' }),
  difficulty: z.number().int().meta({
    description:
      'Find a decimal nonce such that SHA-256 of the UTF-8 string `challenge + ":" + nonce` begins with this many zero bits (0: no proof needed)',
  }),
});
