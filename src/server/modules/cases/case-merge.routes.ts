import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf } from '../org/access.guard.js';
import { ZCaseParams } from './case.schemas.js';
import type { CaseMerge } from './case-merge.service.js';

const ZReason = z.string().trim().min(1).max(2000);
const errors = errorResponses(400, 401, 403, 404, 409);

/** Merge, split and undo (staff with `case.handle` in the cases' departments). */
export const caseMergeRoutes: FastifyPluginAsyncZod<{ access: AccessGuard; merge: CaseMerge }> = async (
  app,
  o,
) => {
  const handle = { preHandler: o.access.requireStaff('case.handle') };

  app.post(
    '/api/v1/cases/:id/merge',
    {
      ...handle,
      schema: {
        tags: ['cases'],
        summary: 'Merge this case into another (same harm)',
        params: ZCaseParams,
        body: z.strictObject({ intoCaseId: z.uuid(), reason: ZReason }),
        response: { 200: z.object({ mergeId: z.string() }), ...errors },
      },
    },
    async (request) =>
      o.merge.merge(actorOf(request), request.params.id, request.body.intoCaseId, request.body.reason),
  );

  app.post(
    '/api/v1/cases/:id/split',
    {
      ...handle,
      schema: {
        tags: ['cases'],
        summary: 'Move a report out of this case into a new case',
        params: ZCaseParams,
        body: z.strictObject({ reportId: z.uuid(), reason: ZReason }),
        response: { 200: z.object({ caseId: z.string(), caseNo: z.string() }), ...errors },
      },
    },
    async (request) =>
      o.merge.split(actorOf(request), request.params.id, request.body.reportId, request.body.reason),
  );

  app.post(
    '/api/v1/merges/:id/undo',
    {
      ...handle,
      schema: {
        tags: ['cases'],
        summary: 'Undo a merge (reports still in the merged case go back)',
        params: ZCaseParams,
        body: z.strictObject({ reason: ZReason }),
        response: { 200: z.object({ reports: z.number() }), ...errors },
      },
    },
    async (request) => o.merge.undo(actorOf(request), request.params.id, request.body.reason),
  );
};
