import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { translate } from '../../platform/i18n/translate.js';
import type { SessionService, TSessionPolicy } from '../../platform/sessions/session.service.js';
import { acceptEvidenceUploads, FILE_FIELD, readUpload } from '../evidence/evidence.multipart.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import {
  ZEvidenceAdded,
  ZMessageCreate,
  ZReceiptFollowUp,
  ZSupplementCreate,
  ZWritten,
} from './receipt.schemas.js';
import type { ReceiptService } from './receipt.service.js';
import { requireReporter } from './receipt-session.js';

export interface ReceiptSessionRoutesOptions {
  receipts: ReceiptService;
  sessions: SessionService;
  sessionPolicy: TSessionPolicy;
  evidence: EvidenceService;
}

/** What a reporter can do inside a receipt session (scoped to the session's one report). */
export const receiptSessionRoutes: FastifyPluginAsyncZod<ReceiptSessionRoutesOptions> = async (
  app,
  { receipts, sessions, sessionPolicy, evidence },
) => {
  await acceptEvidenceUploads(app, evidence.limits);
  // The session (and for POSTs its CSRF token) is checked before the body is even validated.
  const reportIds = new WeakMap<object, string>();
  app.addHook('preValidation', async (request) => {
    reportIds.set(request, await requireReporter(request, sessions, sessionPolicy));
  });
  const reporter = async (request: object): Promise<string> => {
    const id = reportIds.get(request);
    if (!id) throw new Error('receipt session hook did not run');
    return id;
  };

  app.get(
    '/api/v1/receipt/report',
    {
      schema: {
        tags: ['receipts'],
        summary: "The session's report: status, public timeline, messages and supplements",
        response: { 200: ZReceiptFollowUp, ...errorResponses(401, 503) },
      },
    },
    async (request) =>
      receipts.followUp(await reporter(request), pickLanguage(request.headers['accept-language'])),
  );

  app.post(
    '/api/v1/receipt/messages',
    {
      schema: {
        tags: ['receipts'],
        summary: 'Send a message to the case handler',
        description: 'Needs X-CSRF-Token.',
        body: ZMessageCreate,
        response: { 201: ZWritten, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      await receipts.sendMessage(await reporter(request), request.body.body);
      return reply.status(201).send({ ok: true as const });
    },
  );

  app.post(
    '/api/v1/receipt/supplements',
    {
      schema: {
        tags: ['receipts'],
        summary: "Add details or answers to the category's questionnaire",
        description: 'Needs X-CSRF-Token. At least one of details and answers.',
        body: ZSupplementCreate,
        response: { 201: ZWritten, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request, reply) => {
      const reportId = await reporter(request);
      await receipts.supplement(reportId, request.body, pickLanguage(request.headers['accept-language']));
      return reply.status(201).send({ ok: true as const });
    },
  );

  app.post(
    '/api/v1/receipt/evidence',
    {
      schema: {
        tags: ['receipts'],
        summary: 'Add evidence files to the report',
        description: `Needs X-CSRF-Token. multipart/form-data with one or more parts named \`${FILE_FIELD}\` (at most ${evidence.limits.maxFiles}); the type is read from the bytes, images are re-encoded without metadata.`,
        consumes: ['multipart/form-data'],
        response: { 201: ZEvidenceAdded, ...errorResponses(400, 401, 403, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      const reportId = await reporter(request);
      const language = pickLanguage(request.headers['accept-language']);
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 415, { expected: 'multipart/form-data' });
      const { upload } = await readUpload(request, evidence, { fields: [], language });
      const prepared = await evidence.store(upload);
      if (prepared.length === 0) {
        const message = translate(language, 'field.required');
        throw new AppError('validation_failed', 400, {}, [{ path: FILE_FIELD, message }]);
      }
      return reply.status(201).send(await receipts.addEvidence(reportId, prepared));
    },
  );
};
