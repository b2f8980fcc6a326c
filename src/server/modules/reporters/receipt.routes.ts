import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { ZReceiptLookup, ZReceiptReport } from './receipt.schemas.js';
import type { ReceiptService } from './receipt.service.js';

export const receiptRoutes: FastifyPluginAsyncZod<{ receipts: ReceiptService }> = async (
  app,
  { receipts },
) => {
  app.post(
    '/api/v1/receipts/lookup',
    {
      schema: {
        tags: ['receipts'],
        summary: 'Look a report up by its receipt code',
        description:
          'Anonymous follow-up. Failed codes are rate limited per client address (429 with Retry-After).',
        body: ZReceiptLookup,
        response: { 200: ZReceiptReport, ...errorResponses(400, 404, 429, 503) },
      },
    },
    async (request) =>
      receipts.lookup(request.body.receiptCode, request.ip, pickLanguage(request.headers['accept-language'])),
  );
};
