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
import { categoryRoutes } from './modules/categories/category.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { intakeRoutes } from './modules/intake/intake.routes.js';
import { receiptRoutes } from './modules/reporters/receipt.routes.js';
import type { TConfig } from './platform/config.js';
import type { Database } from './platform/db/pool.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import type { Services } from './services.js';

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
  await app.register(intakeRoutes, { intake: services.intake });
  await app.register(receiptRoutes, { receipts: services.receipts });
  return app;
}
