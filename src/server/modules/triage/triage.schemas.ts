import { z } from 'zod';

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;

const ZRuleFields = {
  id: z.string(),
  kind: z.enum(['category', 'priority']),
  target: z.string(),
  allOf: z.array(z.array(z.string())),
  noneOf: z.array(z.string()),
  weight: z.number(),
  reasonZh: z.string(),
  reasonEn: z.string(),
  enabled: z.boolean(),
};

export const ZRuleView = z.object({
  ...ZRuleFields,
  updatedAt: z.date(),
  updatedBy: z
    .object({ id: z.string(), displayName: z.string() })
    .nullable()
    .meta({ description: 'Who last saved the rule; null for a seeded rule never saved since' }),
});
export type TRuleView = z.infer<typeof ZRuleView>;

/**
 * A rule as saved. The reasons are shown to staff for priority rules only, so they are required there (checked
 * by the service, naming the field) and may be empty for category rules.
 */
export const ZRule = z.strictObject({
  id: z.string().trim().min(1).max(80),
  kind: z.enum(['category', 'priority']),
  target: z.string().trim().min(1).max(50),
  allOf: z
    .array(z.array(z.string().trim().min(1).max(50)).min(1).max(50))
    .min(1)
    .max(10),
  noneOf: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  weight: z.number().int().min(-10).max(10).meta({ description: 'Whole points (stored as an integer)' }),
  reasonZh: z.string().trim().max(200).default(''),
  reasonEn: z.string().trim().max(200).default(''),
  enabled: z.boolean(),
});

export const ZRuleParams = z.strictObject({ id: z.string().min(1).max(80) });
