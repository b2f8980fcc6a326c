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
