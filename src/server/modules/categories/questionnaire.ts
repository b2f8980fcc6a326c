import { z } from 'zod';
import type { TQuestion } from './category.types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function questionSchema(q: TQuestion): z.ZodType {
  switch (q.type) {
    case 'text':
    case 'textarea':
      return z
        .string('field.invalid_type')
        .trim()
        .min(q.required ? 1 : 0)
        .max(q.maxLength ?? (q.type === 'text' ? 500 : 5000));
    case 'number': {
      let n = z.number('field.answer_not_number').finite('field.answer_not_number');
      if (q.min !== undefined) n = n.min(q.min);
      if (q.max !== undefined) n = n.max(q.max);
      return n;
    }
    case 'boolean':
      return z.boolean('field.answer_not_boolean');
    case 'date':
      return z
        .string('field.answer_not_date')
        .regex(DATE, 'field.answer_not_date')
        .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'field.answer_not_date');
    case 'url':
      return z.string('field.answer_not_url').trim().max(2000).url('field.answer_not_url');
    case 'select':
      return z.enum(
        (q.options ?? []).map((o) => o.value) as [string, ...string[]],
        'field.answer_not_option',
      );
    case 'multiselect':
      return z
        .array(
          z.enum((q.options ?? []).map((o) => o.value) as [string, ...string[]], 'field.answer_not_option'),
        )
        .max(q.options?.length ?? 0);
  }
}

/**
 * Builds the zod schema that checks a report's `answers` against its category's questionnaire: known keys
 * only, the declared type, required questions present.
 */
export function answersSchema(questionnaire: TQuestion[]): z.ZodType<Record<string, unknown>> {
  let schema = compiled.get(questionnaire);
  if (!schema) {
    schema = buildAnswersSchema(questionnaire);
    compiled.set(questionnaire, schema);
  }
  return schema;
}

/** Compiled schemas by questionnaire object (categories are cached, so each is built once per load). */
const compiled = new WeakMap<TQuestion[], z.ZodType<Record<string, unknown>>>();

function buildAnswersSchema(questionnaire: TQuestion[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questionnaire) shape[q.key] = q.required ? questionSchema(q) : questionSchema(q).optional();
  return z.strictObject(shape);
}
