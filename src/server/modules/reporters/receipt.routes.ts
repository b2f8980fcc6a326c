import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import type { SessionService, TSessionPolicy } from '../../platform/sessions/session.service.js';
import { ZReceiptLookup, ZReceiptReport, ZReceiptSession } from './receipt.schemas.js';
import type { ReceiptService } from './receipt.service.js';

export interface ReceiptRoutesOptions {
  receipts: ReceiptService;
  sessions: SessionService;
  sessionPolicy: TSessionPolicy;
}

const GUESSING =
  'Wrong codes are bounded per client address and globally: answers slow down, then 429 with Retry-After. Right codes do not use up the allowance.';

export const receiptRoutes: FastifyPluginAsyncZod<ReceiptRoutesOptions> = async (
  app,
  { receipts, sessions, sessionPolicy },
) => {
  app.post(
    '/api/v1/receipts/lookup',
    {
      schema: {
        tags: ['receipts'],
        summary: 'Look a report up by its receipt code',
        description: `Anonymous follow-up. ${GUESSING}`,
        body: ZReceiptLookup,
        response: { 200: ZReceiptReport, ...errorResponses(400, 404, 429, 503) },
      },
    },
    async (request) =>
      receipts.lookup(request.body.receiptCode, request.ip, pickLanguage(request.headers['accept-language'])),
  );

  app.post(
    '/api/v1/receipts/session',
    {
      schema: {
        tags: ['receipts'],
        summary: 'Open a follow-up session for the report of a receipt code',
        description: `Sets the httpOnly cookie \`qinglang_receipt\` (path /api/v1/receipt, SameSite=Strict; 30 minutes idle, a few hours at most), scoped to this one report. Send the returned csrfToken as X-CSRF-Token on every POST. ${GUESSING}`,
        body: ZReceiptLookup,
        response: { 200: ZReceiptSession, ...errorResponses(400, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const found = await receipts.authenticate(request.body.receiptCode, request.ip);
      const session = await sessions.start(reply, sessionPolicy, found.reportId);
      return { reportNo: found.reportNo, csrfToken: session.csrfToken };
    },
  );
};
