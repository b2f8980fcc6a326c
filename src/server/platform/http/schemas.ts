import { z } from 'zod';

/** The one error body every route answers with. */
export const ZErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .meta({ id: 'Error' });

/** Standard error responses to document on a route. */
export function errorResponses(...statuses: number[]): Record<number, typeof ZErrorBody> {
  return Object.fromEntries(statuses.map((s) => [s, ZErrorBody]));
}
