import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SubmissionGuard } from '../../platform/submission-guard.js';
import { ZPowChallenge } from './intake.schemas.js';

/** Proof-of-work challenges for the public web channel (stateless: nothing is stored until spent). */
export const powRoutes: FastifyPluginAsyncZod<{ guard: SubmissionGuard }> = async (app, { guard }) => {
  app.get(
    '/api/v1/pow',
    {
      schema: {
        tags: ['reports'],
        summary: 'A proof-of-work challenge for submitting a report',
        description:
          'Solve it and send `X-Proof-Of-Work: <challenge>:<nonce>` with POST /api/v1/reports. Single use, valid for 5 minutes.',
        response: { 200: ZPowChallenge },
      },
    },
    async () => guard.challenge(),
  );
};
