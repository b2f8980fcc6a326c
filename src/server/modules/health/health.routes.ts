import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { migrationStatus } from '../../platform/db/migrate.js';
import { AppError } from '../../platform/errors.js';
import type { Metrics } from '../../platform/metrics.js';

const ZHealth = z.object({ status: z.string(), checks: z.record(z.string(), z.string()).optional() });

/** Liveness (the process answers) and readiness (database reachable, every migration applied). */
export interface HealthOptions {
  pool: pg.Pool;
  metrics: Metrics;
  metricsToken: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (
  app,
  { pool, metrics, metricsToken },
) => {
  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
    const bearer = request.headers.authorization === `Bearer ${metricsToken}`;
    if (!LOOPBACK.has(request.socket.remoteAddress ?? '') && !(metricsToken && bearer)) {
      throw new AppError('route_not_found', 404, { method: request.method, url: '/metrics' });
    }
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness', response: { 200: ZHealth } }, logLevel: 'warn' },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      schema: { tags: ['operations'], summary: 'Readiness', response: { 200: ZHealth, 503: ZHealth } },
      logLevel: 'warn',
    },
    async (_request, reply) => {
      try {
        const { expected, applied } = await migrationStatus(pool);
        if (applied < expected) {
          return reply.status(503).send({
            status: 'unavailable',
            checks: { database: 'ok', migrations: `${applied}/${expected} applied` },
          });
        }
        return { status: 'ok', checks: { database: 'ok', migrations: `${applied}/${expected} applied` } };
      } catch {
        return reply.status(503).send({ status: 'unavailable', checks: { database: 'unreachable' } });
      }
    },
  );
};
