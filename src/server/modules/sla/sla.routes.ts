import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate } from '../../platform/calendar/calendar.js';
import type { Db } from '../../platform/db/pool.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { listJobs } from '../../platform/jobs/jobs.js';
import type { CaseWorkflow } from '../cases/case-workflow.service.js';
import type { ReporterNotices } from '../notifications/reporter-notice.service.js';
import { type AccessGuard, actorOf } from '../org/access.guard.js';
import {
  ZCaseIdParams,
  ZClosureInput,
  ZClosures,
  ZDashboard,
  ZDeadlines,
  ZDepartmentQuery,
  ZExtended,
  ZExtension,
  ZJobs,
  ZJobsQuery,
  ZResolve,
  ZRule,
  ZRuleInput,
  ZSupervisionList,
  ZSupervisionQuery,
} from './sla.schemas.js';
import type { SlaService } from './sla.service.js';
import type { SlaAdmin } from './sla-admin.service.js';
import type { SlaDashboard } from './sla-dashboard.service.js';

export interface SlaRoutesOptions {
  db: Db;
  access: AccessGuard;
  sla: SlaService;
  admin: SlaAdmin;
  dashboard: SlaDashboard;
  workflow: CaseWorkflow;
  notices: ReporterNotices;
}

const errors = errorResponses(400, 401, 403, 404, 409);
const ZOk = z.object({ ok: z.literal(true) });

/** Deadlines of a case, extensions, the console home, supervision items (督办), rules, closures, jobs. */
export const slaRoutes: FastifyPluginAsyncZod<SlaRoutesOptions> = async (app, o) => {
  const tags = ['deadlines'];

  app.get(
    '/api/v1/cases/:id/deadlines',
    {
      preHandler: o.access.requireStaff('case.read'),
      schema: {
        tags,
        summary: 'Per stage: due time, time left, who is on the hook',
        params: ZCaseIdParams,
        response: { 200: ZDeadlines, ...errors },
      },
    },
    async (request) => {
      const c = await o.workflow.visibleCase(actorOf(request), request.params.id);
      return { deadlines: await o.sla.forCase(c.id) };
    },
  );

  app.post(
    '/api/v1/cases/:id/extension',
    {
      preHandler: o.access.requireStaff('case.assign'),
      schema: {
        tags,
        summary: 'Extend the handling deadline (supervisor; once, with a reason told to the reporter)',
        params: ZCaseIdParams,
        body: ZExtension,
        response: { 200: ZExtended, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const c = await o.workflow.visibleCase(actor, request.params.id);
      return o.sla.extend(actor, c, request.body, async (tx, reason, dueAt, timeZone) => {
        await o.workflow.tellReporters(tx, c.id, actor.id, reason);
        // The due date in the case's department's zone (where the period ends at midnight).
        const dueDate = localDate(new Date(dueAt.getTime() - 1), timeZone);
        await o.notices.queueForCase(tx, c.id, {
          kind: 'extension',
          ref: randomUUID(),
          params: { reason, dueDate },
        });
      });
    },
  );

  app.get(
    '/api/v1/dashboard',
    {
      preHandler: o.access.requireStaff(),
      schema: {
        tags,
        summary: 'Console home: my due-soon and overdue; supervisors: compliance and 督办',
        response: { 200: ZDashboard, ...errors },
      },
    },
    async (request) => o.dashboard.home(actorOf(request)),
  );

  app.get(
    '/api/v1/supervision-items',
    {
      preHandler: o.access.requireStaff('case.assign'),
      schema: {
        tags,
        summary: 'Supervision items (督办) addressed to the subtree',
        querystring: ZSupervisionQuery,
        response: { 200: ZSupervisionList, ...errors },
      },
    },
    async (request) => ({ items: await o.dashboard.supervisionItems(actorOf(request), request.query.state) }),
  );

  app.post(
    '/api/v1/supervision-items/:id/resolve',
    {
      preHandler: o.access.requireStaff('case.assign'),
      schema: {
        tags,
        summary: 'Resolve a supervision item with a note',
        params: ZCaseIdParams,
        body: ZResolve,
        response: { 200: ZOk, ...errors },
      },
    },
    async (request) => {
      await o.dashboard.resolveSupervision(actorOf(request), request.params.id, request.body.note);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/v1/sla/rules',
    {
      preHandler: o.access.requireStaff('case.read'),
      schema: {
        tags,
        summary: 'Active deadline rules (national and the department chain)',
        querystring: ZDepartmentQuery,
        response: { 200: z.object({ rules: z.array(ZRule) }), ...errors },
      },
    },
    async (request) => ({ rules: await o.admin.rules(actorOf(request), request.query.department) }),
  );

  app.put(
    '/api/v1/sla/rules',
    {
      preHandler: o.access.requireStaff('sla.manage'),
      schema: {
        tags,
        summary: 'Set a rule (applies to cases opened from now on)',
        body: ZRuleInput,
        response: { 200: z.object({ id: z.string(), retiredId: z.string().nullable() }), ...errors },
      },
    },
    async (request) => o.admin.setRule(actorOf(request), request.body),
  );

  app.get(
    '/api/v1/sla/closures',
    {
      preHandler: o.access.requireStaff('case.read'),
      schema: {
        tags,
        summary: "A department's extra closed days",
        querystring: z.strictObject({ department: z.string().max(50) }),
        response: { 200: ZClosures, ...errors },
      },
    },
    async (request) => ({ closures: await o.admin.closures(actorOf(request), request.query.department) }),
  );

  app.post(
    '/api/v1/sla/closures',
    {
      preHandler: o.access.requireStaff('sla.manage'),
      schema: {
        tags,
        summary: 'Add a closed day (new deadlines skip it)',
        body: ZClosureInput,
        response: { 201: z.object({ added: z.boolean() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ added: await o.admin.addClosure(actorOf(request), request.body) }),
  );

  app.get(
    '/api/v1/admin/jobs',
    {
      preHandler: o.access.requireStaff('jobs.read'),
      schema: {
        tags: ['administration'],
        summary: 'Background jobs: queued, running, retrying, failed (with error)',
        querystring: ZJobsQuery,
        response: { 200: ZJobs, ...errors },
      },
    },
    async (request) => ({ jobs: await listJobs(o.db, request.query.limit) }),
  );
};
