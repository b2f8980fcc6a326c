import { z } from 'zod';

const ZQuestion = z.object({
  key: z.string(),
  type: z.enum(['text', 'textarea', 'number', 'date', 'boolean', 'select', 'multiselect', 'url']),
  required: z.boolean(),
  label: z.string(),
  help: z.string().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
  maxLength: z.number().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const ZCategory = z
  .object({
    code: z.string().meta({ example: 'fraud' }),
    parentCode: z.string().nullable(),
    name: z.string(),
    definition: z.string(),
    examples: z.string(),
    defaultPriority: z.enum(['urgent', 'high', 'normal', 'low']),
    legalBasis: z.array(z.object({ law: z.string(), article: z.string() })),
    questionnaire: z.array(ZQuestion),
  })
  .meta({ id: 'Category' });

export const ZCategoryList = z.object({ categories: z.array(ZCategory) });
