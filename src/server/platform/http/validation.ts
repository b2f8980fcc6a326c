import type { FieldError } from '../errors.js';
import { isMessageKey, translate } from '../i18n/translate.js';
import type { TLanguage } from './language.js';

/** The parts of a zod issue this module reads (zod issue fields, flattened by fastify-type-provider-zod). */
export interface TIssueLike {
  code: string;
  path: (string | number)[];
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  expected?: string;
  keys?: string[];
}

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

const SIZED = new Set(['string', 'array', 'set', 'file']);

/**
 * Turns one zod issue into field errors in the caller's language. Never echoes the submitted value
 * (it may be a reporter's phone number or name).
 */
export function issueToFieldErrors(issue: TIssueLike, input: unknown, lang: TLanguage): FieldError[] {
  const path = issue.path.join('.');
  const min = issue.minimum === undefined ? undefined : Number(issue.minimum);
  const max = issue.maximum === undefined ? undefined : Number(issue.maximum);
  if (isMessageKey(issue.message)) return [{ path, message: translate(lang, issue.message, { ...issue }) }];
  switch (issue.code) {
    case 'unrecognized_keys':
      return (issue.keys ?? []).map((key) => ({
        path: [...issue.path, key].join('.'),
        message: translate(lang, 'field.unknown_field', { keys: key }),
      }));
    case 'invalid_type': {
      if (valueAt(input, issue.path) === undefined)
        return [{ path, message: translate(lang, 'field.required') }];
      const expected = issue.expected ?? 'string';
      const typeKey = `type.${expected}`;
      const label = isMessageKey(typeKey) ? translate(lang, typeKey) : expected;
      return [{ path, message: translate(lang, 'field.invalid_type', { expected: label }) }];
    }
    case 'too_small':
      if (issue.origin === 'string')
        return [{ path, message: translate(lang, 'field.too_short', { minimum: min }) }];
      if (issue.origin && SIZED.has(issue.origin)) {
        return [{ path, message: translate(lang, 'field.too_few_items', { minimum: min }) }];
      }
      return [{ path, message: translate(lang, 'field.too_small', { minimum: min }) }];
    case 'too_big':
      if (issue.origin === 'string')
        return [{ path, message: translate(lang, 'field.too_long', { maximum: max }) }];
      if (issue.origin && SIZED.has(issue.origin)) {
        return [{ path, message: translate(lang, 'field.too_many_items', { maximum: max }) }];
      }
      return [{ path, message: translate(lang, 'field.too_big', { maximum: max }) }];
    case 'invalid_format':
      return [{ path, message: translate(lang, 'field.invalid_format') }];
    case 'invalid_value':
      return [{ path, message: translate(lang, 'field.invalid_option') }];
    default:
      return [{ path, message: translate(lang, 'field.invalid_value') }];
  }
}
