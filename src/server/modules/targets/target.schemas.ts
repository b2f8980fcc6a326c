import { z } from 'zod';
import { TARGET_KINDS } from './target.normalize.js';
import { TARGET_STATUSES } from './target.tables.js';

/** Registry rows shown at most per page. */
export const REGISTRY_MAX_LIMIT = 200;
/** Cases listed per target (the actor's visible ones, newest first). */
export const REGISTRY_MAX_CASES = 50;

export const ZRegistryQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(500)
    .optional()
    .meta({
      description:
        'A target in any written form (URL, phone, `kind|normalised` key …) finds it exactly (a URL also its ' +
        'registrable domain); other text is a case-insensitive substring of the normalised form.',
    }),
  kind: z.enum(TARGET_KINDS).optional(),
  status: z.enum(TARGET_STATUSES).optional(),
  before: z.string().max(1000).optional().meta({ description: 'The `next` cursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(REGISTRY_MAX_LIMIT).default(50),
});
export type TRegistryQuery = z.infer<typeof ZRegistryQuery>;

export const ZRegistryEntry = z.object({
  key: z.string(),
  kind: z.enum(TARGET_KINDS),
  normalized: z.string(),
  status: z.enum(TARGET_STATUSES),
  regionCode: z.string().nullable(),
  firstSeen: z.date(),
  lastSeen: z.date().nullable(),
  reportCount: z.number().int().meta({ description: 'All reports naming the target (a global figure)' }),
  caseCount: z.number().int().meta({ description: 'All cases those reports are in (a global figure)' }),
  cases: z.array(z.object({ id: z.string(), caseNo: z.string() })).meta({
    description: `The cases the caller may see (in scope, or held before by the caller's departments), newest first, at most ${REGISTRY_MAX_CASES}`,
  }),
});
export type TRegistryEntryView = z.infer<typeof ZRegistryEntry>;

export const ZRegistryPage = z.object({
  items: z.array(ZRegistryEntry),
  next: z.string().nullable().meta({ description: 'Cursor for the next (older) page; null on the last' }),
});

export const ZListParams = z.strictObject({ list: z.string().min(1).max(60) });
export const ZListBody = z.strictObject({
  values: z.array(z.string().trim().min(1).max(300)).max(5000),
});
