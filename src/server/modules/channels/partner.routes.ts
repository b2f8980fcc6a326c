import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf } from '../org/access.guard.js';
import {
  ZDeliveries,
  ZIdParam,
  ZKeyCreate,
  ZKeyParam,
  ZOutcomes,
  ZOutcomesQuery,
  ZPartnerCreate,
  ZPartnerHeaders,
  ZPartnerList,
  ZPartnerSubmission,
  ZPartnerSubmitted,
  ZPartnerUpdate,
} from './partner.schemas.js';
import type { PartnerService } from './partner.service.js';

/** Batches of 1,000 reports are larger than the default JSON body limit. */
const PARTNER_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * The partner API (authenticated by API key, not by staff session: the matrix lists these routes as public and
 * partner.test.ts tests the key checks) and its administration (permission `partners.manage`).
 */
export const partnerRoutes: FastifyPluginAsyncZod<{ partners: PartnerService; access: AccessGuard }> = async (
  app,
  { partners, access },
) => {
  app.post(
    '/api/v1/partner/reports',
    {
      bodyLimit: PARTNER_BODY_LIMIT,
      schema: {
        tags: ['partner API'],
        summary: 'Submit one report or a batch of up to 1,000 (API key with scope `submit`)',
        description:
          'Every item is validated and stored on its own: the answer lists each item’s report number or its own error. ' +
          'With `Idempotency-Key`, a retried batch creates nothing new (items answer `replayed`). Trusted flaggers’ reports get a raised priority.',
        body: ZPartnerSubmission,
        headers: ZPartnerHeaders,
        response: { 200: ZPartnerSubmitted, ...errorResponses(400, 401, 403, 413, 429, 503) },
      },
    },
    async (request) => {
      const ctx = await partners.authenticate(request.headers.authorization, 'submit');
      const body = request.body as { reports?: unknown[] };
      const items = Array.isArray(body.reports) ? body.reports : [body];
      return partners.submit(
        ctx,
        items,
        request.headers['idempotency-key'],
        pickLanguage(request.headers['accept-language']),
      );
    },
  );

  app.get(
    '/api/v1/partner/outcomes',
    {
      schema: {
        tags: ['partner API'],
        summary: 'State and outcome of the partner’s own reports (API key with scope `outcomes`)',
        querystring: ZOutcomesQuery,
        headers: ZPartnerHeaders,
        response: { 200: ZOutcomes, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const ctx = await partners.authenticate(request.headers.authorization, 'outcomes');
      return { items: await partners.outcomes(ctx, request.query) };
    },
  );

  const tags = ['partner administration'];
  const preHandler = access.requireStaff('partners.manage');
  const errors = errorResponses(400, 401, 403, 404, 409);

  app.get(
    '/api/v1/admin/partners',
    {
      schema: {
        tags,
        summary: 'Partners, their keys and precision',
        response: { 200: ZPartnerList, ...errors },
      },
      preHandler,
    },
    async () => ({ partners: await partners.list() }),
  );

  app.post(
    '/api/v1/admin/partners',
    {
      schema: {
        tags,
        summary: 'Register a partner organisation',
        body: ZPartnerCreate,
        response: { 201: z.object({ id: z.string() }), ...errors },
      },
      preHandler,
    },
    async (request, reply) =>
      reply.status(201).send(await partners.create(actorOf(request).id, request.body)),
  );

  app.patch(
    '/api/v1/admin/partners/:id',
    {
      schema: {
        tags,
        summary: 'Change name, trusted-flagger status or webhook (a new webhook secret is returned once)',
        params: ZIdParam,
        body: ZPartnerUpdate,
        response: { 200: z.object({ webhookSecret: z.string().optional() }), ...errors },
      },
      preHandler,
    },
    async (request) =>
      partners.update(
        actorOf(request).id,
        pickLanguage(request.headers['accept-language']),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/api/v1/admin/partners/:id/keys',
    {
      schema: {
        tags,
        summary: 'Create an API key (shown once; stored hashed)',
        params: ZIdParam,
        body: ZKeyCreate,
        response: {
          201: z.object({
            id: z.string(),
            key: z.string(),
            prefix: z.string(),
            scopes: z.array(z.string()),
            rateLimit: z.number(),
          }),
          ...errors,
        },
      },
      preHandler,
    },
    async (request, reply) =>
      reply.status(201).send(await partners.createKey(actorOf(request).id, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/admin/partners/:id/keys/:keyId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke an API key',
        params: ZKeyParam,
        response: { 204: z.null(), ...errors },
      },
      preHandler,
    },
    async (request, reply) => {
      await partners.revokeKey(actorOf(request).id, request.params.id, request.params.keyId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/admin/partners/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'Outcome webhook deliveries and their attempts',
        params: ZIdParam,
        response: { 200: ZDeliveries, ...errors },
      },
      preHandler,
    },
    async (request) => ({ deliveries: await partners.deliveries(request.params.id) }),
  );
};
