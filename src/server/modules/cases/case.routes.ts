import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf } from '../org/access.guard.js';
import { can, inScope } from '../org/access.policy.js';
import type { StaffService } from '../org/staff.service.js';
import {
  ZAssign,
  ZCaseDetail,
  ZCaseList,
  ZCaseListQuery,
  ZCaseParams,
  ZText,
  ZTransfer,
  ZTransitionBody,
  ZTransitionParams,
} from './case.schemas.js';
import type { CaseQueue } from './case-queue.service.js';
import type { CaseView } from './case-view.service.js';
import type { CaseWorkflow } from './case-workflow.service.js';

export interface CaseRoutesOptions {
  access: AccessGuard;
  queue: CaseQueue;
  view: CaseView;
  workflow: CaseWorkflow;
  staff: StaffService;
}

const ZOk = z.object({ ok: z.literal(true) });
const errors = errorResponses(400, 401, 403, 404, 409);

/** The staff case API: queues and search, the case page, transitions, assignment, transfer, notes, replies. */
export const caseRoutes: FastifyPluginAsyncZod<CaseRoutesOptions> = async (app, o) => {
  const read = { preHandler: o.access.requireStaff('case.read') };
  const handle = { preHandler: o.access.requireStaff('case.handle') };

  app.get(
    '/api/v1/cases',
    {
      ...read,
      schema: {
        tags: ['cases'],
        summary: 'Queues, filters and search',
        querystring: ZCaseListQuery,
        response: { 200: ZCaseList, ...errors },
      },
    },
    async (request) => {
      const { state, category, priority, ...rest } = request.query;
      return o.queue.list(actorOf(request), {
        ...rest,
        ...(state ? { state } : {}),
        ...(category ? { category } : {}),
        ...(priority ? { priority } : {}),
      } as Parameters<CaseQueue['list']>[1]);
    },
  );

  app.get(
    '/api/v1/cases/:id',
    {
      ...read,
      schema: {
        tags: ['cases'],
        summary: 'A case with its reports, timeline and available actions',
        params: ZCaseParams,
        response: { 200: ZCaseDetail, ...errors },
      },
    },
    async (request) => o.view.detail(actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/transitions/:name',
    {
      ...handle,
      schema: {
        tags: ['cases'],
        summary: 'Fire a workflow transition',
        params: ZTransitionParams,
        body: ZTransitionBody,
        response: { 200: z.object({ state: z.string() }), ...errors },
      },
    },
    async (request) =>
      o.workflow.transition(
        actorOf(request),
        request.params.id,
        request.params.name,
        request.body,
        pickLanguage(request.headers['accept-language']),
      ),
  );

  app.post(
    '/api/v1/cases/:id/claim',
    {
      ...handle,
      schema: {
        tags: ['cases'],
        summary: 'Take an unassigned case',
        params: ZCaseParams,
        response: { 200: ZOk, ...errors },
      },
    },
    async (request) => {
      await o.workflow.claim(actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/cases/:id/assignees',
    {
      preHandler: o.access.requireStaff('case.assign'),
      schema: {
        tags: ['cases'],
        summary: 'Who the case may be assigned to: active handlers whose scope covers it',
        params: ZCaseParams,
        response: {
          200: z.object({ assignees: z.array(z.object({ id: z.string(), displayName: z.string() })) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const c = await o.workflow.visibleCase(actor, request.params.id);
      return { assignees: await o.staff.assignableFor(actor, c.departmentPath) };
    },
  );

  app.post(
    '/api/v1/cases/:id/assign',
    {
      preHandler: o.access.requireStaff('case.assign'),
      schema: {
        tags: ['cases'],
        summary: 'Assign or reassign (supervisors)',
        params: ZCaseParams,
        body: ZAssign,
        response: { 200: ZOk, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { assigneeId } = request.body;
      const c = await o.workflow.visibleCase(actor, request.params.id);
      if (assigneeId) {
        const assignee = await o.staff.actorById(assigneeId);
        if (
          !assignee ||
          !can(assignee, 'case.handle') ||
          !inScope(assignee, c.departmentPath) ||
          !inScope(actor, assignee.departmentPath)
        ) {
          throw new AppError('validation_failed', 400, {}, [
            { path: 'assigneeId', message: 'field.assignee_cannot_handle' },
          ]);
        }
      }
      await o.workflow.assign(actor, c.id, assigneeId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/cases/:id/transfer',
    {
      preHandler: o.access.requireStaff('case.transfer'),
      schema: {
        tags: ['cases'],
        summary: 'Transfer (转办) to another department',
        params: ZCaseParams,
        body: ZTransfer,
        response: { 200: ZOk, ...errors },
      },
    },
    async (request) => {
      await o.workflow.transfer(actorOf(request), request.params.id, request.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/v1/cases/:id/notes',
    {
      ...handle,
      schema: {
        tags: ['cases'],
        summary: 'Add an internal note (never shown to the reporter)',
        params: ZCaseParams,
        body: ZText,
        response: { 201: z.object({ id: z.number() }), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await o.workflow.addNote(actorOf(request), request.params.id, request.body.body)),
  );

  app.post(
    '/api/v1/cases/:id/messages',
    {
      ...handle,
      schema: {
        tags: ['cases'],
        summary: 'Message the reporter (shown in their receipt session)',
        params: ZCaseParams,
        body: ZText,
        response: { 201: ZOk, ...errors },
      },
    },
    async (request, reply) => {
      await o.workflow.reply(actorOf(request), request.params.id, request.body.body);
      return reply.status(201).send({ ok: true as const });
    },
  );
};
