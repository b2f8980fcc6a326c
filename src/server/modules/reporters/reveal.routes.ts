import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf } from '../org/access.guard.js';
import type { RevealService } from './reveal.service.js';

const ZIdentity = z.object({
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  idNumber: z.string().optional(),
  address: z.string().optional(),
});
const ZRevealAnswer = z.object({
  status: z.enum(['revealed', 'pending']),
  identity: ZIdentity.optional(),
  requestId: z.string().optional(),
});
const ZReason = z.strictObject({ reason: z.string().trim().min(10).max(1000) });
const ZDecision = z.strictObject({ approve: z.boolean(), note: z.string().trim().max(1000).optional() });
const errors = errorResponses(400, 401, 403, 404, 409);

/** Revealing a reporter's identity: reason required, audited, optionally approved by a second person. */
export const revealRoutes: FastifyPluginAsyncZod<{ reveal: RevealService; access: AccessGuard }> = async (
  app,
  o,
) => {
  app.post(
    '/api/v1/reports/:reportId/reveal',
    {
      preHandler: o.access.requireStaff('reporter.reveal'),
      schema: {
        tags: ['reporters'],
        summary: "Reveal a reporter's identity (reason required; audited; may need approval)",
        params: z.strictObject({ reportId: z.string().max(64) }),
        body: ZReason,
        response: { 200: ZRevealAnswer, 202: ZRevealAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const result = await o.reveal.reveal(actorOf(request), request.params.reportId, request.body.reason);
      return reply.status(result.status === 'pending' ? 202 : 200).send(result);
    },
  );

  app.get(
    '/api/v1/reveal-requests',
    {
      preHandler: o.access.requireStaff('reveal.approve'),
      schema: {
        tags: ['reporters'],
        summary: 'Reveal requests waiting for approval in my scope',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                reportId: z.string(),
                caseId: z.string(),
                requestedBy: z.string(),
                reason: z.string(),
                createdAt: z.date(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await o.reveal.pending(actorOf(request)) }),
  );

  app.post(
    '/api/v1/reveal-requests/:id/decision',
    {
      preHandler: o.access.requireStaff('reveal.approve'),
      schema: {
        tags: ['reporters'],
        summary: 'Approve or reject a reveal request (not one’s own)',
        params: z.strictObject({ id: z.string().max(64) }),
        body: ZDecision,
        response: { 200: z.object({ status: z.enum(['approved', 'rejected']) }), ...errors },
      },
    },
    async (request) =>
      o.reveal.decide(actorOf(request), request.params.id, request.body.approve, request.body.note ?? null),
  );

  app.post(
    '/api/v1/reveal-requests/:id/reveal',
    {
      preHandler: o.access.requireStaff('reporter.reveal'),
      schema: {
        tags: ['reporters'],
        summary: 'Use an approved request (once, within the hour)',
        params: z.strictObject({ id: z.string().max(64) }),
        response: { 200: ZRevealAnswer, ...errors },
      },
    },
    async (request) => o.reveal.revealApproved(actorOf(request), request.params.id),
  );
};
