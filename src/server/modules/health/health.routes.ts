import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { migrationStatus } from '../../platform/db/migrate.js';

const ZHealth = z.object({ status: z.string(), checks: z.record(z.string(), z.string()).optional() });

/** Liveness (the process answers) and readiness (database reachable, every migration applied). */
export const healthRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool }> = async (app, { pool }) => {
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
