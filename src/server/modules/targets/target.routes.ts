import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf } from '../org/access.guard.js';
import { ZRule, ZRuleParams, ZRuleView } from '../triage/triage.schemas.js';
import type { TriageService } from '../triage/triage.service.js';
import { ZListBody, ZListParams, ZRegistryPage, ZRegistryQuery } from './target.schemas.js';
import type { TargetService } from './target.service.js';

const errors = errorResponses(400, 401, 403, 404);
const ZOk = z.object({ ok: z.literal(true) });

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
        summary: 'The target registry (first/last seen, reports, cases, status), newest first, searchable',
        querystring: ZRegistryQuery,
        response: { 200: ZRegistryPage, ...errors },
      },
    },
    async (request) => o.targets.registry(actorOf(request), request.query),
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
        response: { 200: ZOk, ...errors },
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
        response: { 200: ZOk, ...errors },
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
        summary: 'Replace one list (each entry checked for its list; audited)',
        params: ZListParams,
        body: ZListBody,
        response: { 200: ZOk, ...errors },
      },
    },
    async (request) => {
      await o.targets.replaceList(actorOf(request), request.params.list, request.body.values);
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
    async () => ({ rules: await o.triage.ruleViews(), routing: await o.triage.routingOverrides() }),
  );

  app.put(
    '/api/v1/triage/rules',
    {
      ...edit,
      schema: {
        tags: ['triage'],
        summary: 'Add or change one rule (audited)',
        body: ZRule,
        response: { 200: ZOk, ...errors },
      },
    },
    async (request) => {
      await o.triage.saveRule(actorOf(request), request.body);
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/v1/triage/rules/:id',
    {
      ...edit,
      schema: {
        tags: ['triage'],
        summary: 'Delete one rule (audited)',
        params: ZRuleParams,
        response: { 200: ZOk, ...errors },
      },
    },
    async (request) => {
      await o.triage.deleteRule(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );
};
