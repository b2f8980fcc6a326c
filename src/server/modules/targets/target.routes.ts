import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf } from '../org/access.guard.js';
import type { TriageService } from '../triage/triage.service.js';
import type { TargetService } from './target.service.js';

const errors = errorResponses(400, 401, 403, 404);
const ZRuleView = z.object({
  id: z.string(),
  kind: z.enum(['category', 'priority']),
  target: z.string(),
  allOf: z.array(z.array(z.string())),
  noneOf: z.array(z.string()),
  weight: z.number(),
  reasonZh: z.string(),
  reasonEn: z.string(),
  enabled: z.boolean(),
});
const ZRule = z.strictObject({
  id: z.string().trim().min(1).max(80),
  kind: z.enum(['category', 'priority']),
  target: z.string().trim().min(1).max(50),
  allOf: z
    .array(z.array(z.string().trim().min(1).max(50)).min(1).max(50))
    .min(1)
    .max(10),
  noneOf: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
  weight: z.number().min(-10).max(10),
  reasonZh: z.string().trim().min(1).max(200),
  reasonEn: z.string().trim().min(1).max(200),
  enabled: z.boolean(),
});

/**
 * The target registry and the editable rules behind clustering and triage: staff read them (`case.read`),
 * supervisors change them (`case.assign`).
 */
export const targetRoutes: FastifyPluginAsyncZod<{
  access: AccessGuard;
  targets: TargetService;
  triage: TriageService;
}> = async (app, o) => {
  const read = { preHandler: o.access.requireStaff('case.read') };
  const edit = { preHandler: o.access.requireStaff('case.assign') };

  app.get(
    '/api/v1/targets',
    {
      ...read,
      schema: {
        tags: ['targets'],
        summary: 'The target registry (first/last seen, reports, cases, status)',
        querystring: z.strictObject({
          key: z.string().max(500).optional(),
          kind: z.string().max(30).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(z.record(z.string(), z.unknown())) }), ...errors },
      },
    },
    async (request) => ({
      items: (await o.targets.registry(request.query)) as unknown as Record<string, unknown>[],
    }),
  );

  app.put(
    '/api/v1/targets/status',
    {
      ...edit,
      schema: {
        tags: ['targets'],
        summary: 'Set a target’s status (unverified, confirmed harmful, cleared)',
        body: z.strictObject({
          key: z.string().min(1).max(500),
          status: z.enum(['unverified', 'confirmed_harmful', 'cleared']),
        }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      if (!(await o.targets.setStatus(actorOf(request), request.body.key, request.body.status)))
        throw new AppError('target_not_found', 404);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/v1/targets/location',
    {
      ...edit,
      schema: {
        tags: ['targets'],
        summary: 'Set or clear a target’s known location (GB/T 2260 region code); routing uses it',
        body: z.strictObject({
          key: z.string().min(1).max(500),
          regionCode: z
            .string()
            .regex(/^\d{6}$/)
            .nullable(),
        }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      if (!(await o.targets.setLocation(actorOf(request), request.body.key, request.body.regionCode)))
        throw new AppError('target_not_found', 404);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/targets/lists',
    {
      ...read,
      schema: {
        tags: ['targets'],
        summary: 'Generic targets, tracking parameters, platform cues, compatibility',
        response: { 200: z.record(z.string(), z.array(z.string())), ...errors },
      },
    },
    async () => o.targets.lists(),
  );

  app.put(
    '/api/v1/targets/lists/:list',
    {
      ...edit,
      schema: {
        tags: ['targets'],
        summary: 'Replace one list',
        params: z.strictObject({ list: z.string().min(1).max(60) }),
        body: z.strictObject({ values: z.array(z.string().trim().min(1).max(300)).max(5000) }),
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      const known = await o.targets.lists();
      if (!Object.hasOwn(known, request.params.list)) throw new AppError('target_list_not_found', 404);
      await o.targets.replaceList(request.params.list, request.body.values);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/triage/rules',
    {
      ...read,
      schema: {
        tags: ['triage'],
        summary: 'Triage rules (category and priority cues) and routing accuracy',
        response: {
          200: z.object({
            rules: z.array(ZRuleView),
            routing: z.object({ routed: z.number(), overridden: z.number() }),
          }),
          ...errors,
        },
      },
    },
    async () => ({ rules: await o.triage.rules(), routing: await o.triage.routingOverrides() }),
  );

  app.put(
    '/api/v1/triage/rules',
    {
      ...edit,
      schema: {
        tags: ['triage'],
        summary: 'Add or change one rule',
        body: ZRule,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      await o.triage.saveRule(request.body);
      return { ok: true as const };
    },
  );
};
