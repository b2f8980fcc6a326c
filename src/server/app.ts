import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { caseRoutes } from './modules/cases/case.routes.js';
import { caseMergeRoutes } from './modules/cases/case-merge.routes.js';
import { categoryRoutes } from './modules/categories/category.routes.js';
import { hotlineRoutes, telephonyRoutes } from './modules/channels/hotline.routes.js';
import { partnerRoutes } from './modules/channels/partner.routes.js';
import { evidenceStaffRoutes } from './modules/evidence/evidence.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { intakeRoutes } from './modules/intake/intake.routes.js';
import { powRoutes } from './modules/intake/pow.routes.js';
import { notificationRoutes } from './modules/notifications/notification.routes.js';
import { actorOf } from './modules/org/access.guard.js';
import { departmentRoutes } from './modules/org/department.routes.js';
import { staffAuthRoutes } from './modules/org/staff.routes.js';
import { staffAdminRoutes } from './modules/org/staff-admin.routes.js';
import { receiptRoutes } from './modules/reporters/receipt.routes.js';
import { receiptSessionRoutes } from './modules/reporters/receipt-session.routes.js';
import { revealRoutes } from './modules/reporters/reveal.routes.js';
import { slaRoutes } from './modules/sla/sla.routes.js';
import { targetRoutes } from './modules/targets/target.routes.js';
import type { TConfig } from './platform/config.js';
import type { Database } from './platform/db/pool.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import type { Services } from './services.js';
import { publicConfigRoutes } from './web/public-config.routes.js';
import { registerWebApps } from './web/static.js';

export interface AppContext {
  config: TConfig;
  database: Database;
  services: Services;
  logger: Logger;
}

/** Builds the HTTP application (not listening). Tests drive it with `app.inject()`. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: ctx.config.BODY_LIMIT_BYTES,
    trustProxy: ctx.config.TRUST_PROXY,
    requestIdHeader: false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only: anything else is refused with 415 instead of reaching a handler as a string.
  app.removeContentTypeParser(['text/plain']);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app, ctx.config.BODY_LIMIT_BYTES);
  await app.register(cookie);

  const { metrics } = ctx.services;
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpDuration
      .labels(request.method, route, `${Math.floor(reply.statusCode / 100)}xx`)
      .observe(reply.elapsedTime / 1000);
  });

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Qinglang API',
        version: '1',
        description: 'Public reporting of online harms: intake, anonymous follow-up and categories.',
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const { services } = ctx;
  await app.register(healthRoutes, {
    pool: ctx.database.pool,
    metrics: services.metrics,
    metricsToken: ctx.config.METRICS_TOKEN,
  });
  await app.register(categoryRoutes, { categories: services.categories });
  await app.register(powRoutes, { guard: services.submissionGuard });
  await app.register(intakeRoutes, {
    intake: services.intake,
    guard: services.submissionGuard,
    evidence: services.evidence,
  });
  const receiptOptions = {
    receipts: services.receipts,
    sessions: services.sessions,
    sessionPolicy: services.receiptSession,
    evidence: services.evidence,
  };
  await app.register(receiptRoutes, receiptOptions);
  await app.register(receiptSessionRoutes, receiptOptions);
  await app.register(staffAuthRoutes, {
    auth: services.auth,
    staff: services.staff,
    access: services.access,
  });
  await app.register(staffAdminRoutes, { staff: services.staff, access: services.access });
  await app.register(departmentRoutes, { departments: services.departments, access: services.access });
  await app.register(evidenceStaffRoutes, {
    evidence: services.evidence,
    authorize: async (request, reportId) => {
      await services.access.requireStaff('case.read').call(app, request, undefined as never);
      const actor = actorOf(request);
      await services.caseView.reportContext(actor, reportId);
      return { actorId: actor.id };
    },
  });
  await app.register(revealRoutes, { reveal: services.reveal, access: services.access });
  await app.register(targetRoutes, {
    access: services.access,
    targets: services.targets,
    triage: services.triage,
  });
  await app.register(caseMergeRoutes, { access: services.access, merge: services.caseMerge });
  await app.register(caseRoutes, {
    access: services.access,
    queue: services.caseQueue,
    view: services.caseView,
    workflow: services.caseWorkflow,
    staff: services.staff,
  });
  await app.register(slaRoutes, {
    db: ctx.database.db,
    access: services.access,
    sla: services.sla,
    admin: services.slaAdmin,
    dashboard: services.slaDashboard,
    workflow: services.caseWorkflow,
    notices: services.reporterNotices,
  });
  await app.register(notificationRoutes, {
    access: services.access,
    notifications: services.notifications,
    notices: services.reporterNotices,
  });
  await app.register(partnerRoutes, { partners: services.partners, access: services.access });
  await app.register(hotlineRoutes, {
    hotline: services.hotline,
    access: services.access,
    evidence: services.evidence,
  });
  await app.register(telephonyRoutes, { hotline: services.hotline });
  await app.register(publicConfigRoutes, { config: ctx.config });
  // Last: the built web apps (portal at /, console at /console/) with their client-side route fallback.
  await registerWebApps(app, ctx.config.WEB_ROOT);
  return app;
}
