import { z } from 'zod';

export const ZReceiptLookup = z.strictObject({
  receiptCode: z
    .string()
    .max(64)
    .regex(/^[\d\s\-\uFF10-\uFF19]+$/, 'field.receipt_code_invalid')
    .meta({ example: '1234-5678-9012-3456' }),
});

export const ZReceiptReport = z.object({
  reportNo: z.string(),
  status: z.string().meta({ description: 'Machine-readable status (the case state)' }),
  statusLabel: z.string(),
  category: z.object({ code: z.string(), name: z.string() }),
  submittedAt: z.iso.datetime(),
  timeline: z.array(z.object({ type: z.string(), label: z.string(), at: z.iso.datetime() })),
});
export type TReceiptReport = z.infer<typeof ZReceiptReport>;

export const ZReceiptSession = z.object({
  reportNo: z.string(),
  csrfToken: z.string().meta({ description: 'Send as X-CSRF-Token with every POST under /api/v1/receipt/' }),
});

export const ZReceiptFollowUp = ZReceiptReport.extend({
  messages: z.array(
    z.object({
      direction: z.enum(['to_handler', 'to_reporter']),
      body: z.string(),
      at: z.iso.datetime(),
    }),
  ),
  supplements: z.array(
    z.object({
      details: z.string().optional(),
      answers: z.record(z.string(), z.unknown()).optional(),
      at: z.iso.datetime(),
    }),
  ),
});
export type TReceiptFollowUp = z.infer<typeof ZReceiptFollowUp>;

export const ZMessageCreate = z.strictObject({
  body: z.string().trim().min(1).max(5000).meta({ description: 'Plain text to the case handler' }),
});

export const ZSupplementCreate = z.strictObject({
  details: z.string().trim().min(1).max(10_000).optional(),
  answers: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: "Answers to the category's questionnaire, by question key (any subset)" }),
});
export type TSupplementCreate = z.infer<typeof ZSupplementCreate>;

export const ZWritten = z.object({ ok: z.literal(true) });

export const ZEvidenceAdded = z.object({ count: z.number().int() });
