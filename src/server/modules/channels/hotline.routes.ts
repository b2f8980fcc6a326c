import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../platform/crypto/webhook-signature.js';
import { AppError } from '../../platform/errors.js';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { acceptEvidenceUploads, readUpload } from '../evidence/evidence.multipart.js';
import type { EvidenceService } from '../evidence/evidence.service.js';
import { type AccessGuard, actorOf } from '../org/access.guard.js';
import {
  ZCallId,
  ZCallList,
  ZCallQuery,
  ZCallReport,
  ZCallStart,
  ZCallSubmitted,
  ZCallUpdate,
  ZCallView,
  ZTelephonyCall,
} from './hotline.schemas.js';
import type { HotlineService } from './hotline.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exact bytes of a signed webhook body (set by the telephony route's JSON parser). */
    rawBody?: string;
  }
}

type TOptions = { hotline: HotlineService; access: AccessGuard; evidence: EvidenceService };

/** The operator's API (permission `intake.hotline`): call records, recordings, the report on the caller's behalf. */
export const hotlineRoutes: FastifyPluginAsyncZod<TOptions> = async (app, { hotline, access, evidence }) => {
  const tags = ['hotline'];
  const preHandler = access.requireStaff('intake.hotline');
  const errors = errorResponses(400, 401, 403, 404, 409, 413, 415);
  await acceptEvidenceUploads(app, evidence.limits);

  app.post(
    '/api/v1/hotline/calls',
    {
      schema: {
        tags,
        summary: 'Start a call record',
        body: ZCallStart,
        response: { 201: ZCallView, ...errors },
      },
      preHandler,
    },
    async (request, reply) => reply.status(201).send(await hotline.start(actorOf(request), request.body)),
  );
  app.get(
    '/api/v1/hotline/calls',
    {
      schema: {
        tags,
        summary: 'The operator queue (drafts from the call system, open calls)',
        querystring: ZCallQuery,
        response: { 200: ZCallList, ...errors },
      },
      preHandler,
    },
    async (request) => ({ calls: await hotline.queue(request.query.state) }),
  );
  app.get(
    '/api/v1/hotline/calls/:id',
    {
      schema: { tags, summary: 'One call record', params: ZCallId, response: { 200: ZCallView, ...errors } },
      preHandler,
    },
    async (request) => hotline.get(request.params.id),
  );
  app.patch(
    '/api/v1/hotline/calls/:id',
    {
      schema: {
        tags,
        summary: 'Anonymity, consent to record, summary, transcript, end of call',
        params: ZCallId,
        body: ZCallUpdate,
        response: { 200: ZCallView, ...errors },
      },
      preHandler,
    },
    async (request) => hotline.update(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/v1/hotline/calls/:id/recordings',
    {
      schema: {
        tags,
        summary: 'Attach a recording (multipart `file`; needs the caller’s consent)',
        params: ZCallId,
        response: { 201: ZCallView, ...errors },
      },
      preHandler,
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 415, { expected: 'multipart/form-data' });
      const language = pickLanguage(request.headers['accept-language']);
      const { upload } = await readUpload(request, evidence, { fields: [], language });
      try {
        return reply.status(201).send(await hotline.addRecording(request.params.id, upload));
      } finally {
        await evidence.discard(upload);
      }
    },
  );
  app.post(
    '/api/v1/hotline/calls/:id/report',
    {
      schema: {
        tags,
        summary: 'Submit the report on the caller’s behalf; answers the receipt code to read back',
        params: ZCallId,
        body: ZCallReport,
        response: { 201: ZCallSubmitted, ...errors, ...errorResponses(503) },
      },
      preHandler,
    },
    async (request, reply) => {
      const language = pickLanguage(request.headers['accept-language']);
      return reply
        .status(201)
        .send(await hotline.submit(actorOf(request), request.params.id, request.body, language));
    },
  );
};

/** The call system's webhook: authenticated by its HMAC signature (public in the matrix; tested in hotline.test.ts). */
export const telephonyRoutes: FastifyPluginAsyncZod<{ hotline: HotlineService }> = async (
  app,
  { hotline },
) => {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body, done) => {
      request.rawBody = body as string;
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new AppError('invalid_json', 400), undefined);
      }
    },
  );
  app.post(
    '/api/v1/channels/telephony/calls',
    {
      bodyLimit: 40 * 1024 * 1024,
      schema: {
        tags: ['hotline'],
        summary:
          'Call system push: a call record, voicemail or transcript becomes a draft in the operator queue',
        description: `Signed: \`${TIMESTAMP_HEADER}: <unix seconds>\` and \`${SIGNATURE_HEADER}: v1=<hex HMAC-SHA-256(secret, timestamp + "." + body)>\`; refused when older than 5 minutes.`,
        body: ZTelephonyCall,
        response: {
          201: z.object({ id: z.string(), created: z.boolean() }),
          200: z.object({ id: z.string(), created: z.boolean() }),
          ...errorResponses(400, 401, 503),
        },
      },
      // Before the body is validated: a forged request learns nothing about the schema.
      preValidation: async (request) => {
        const header = (name: string) => {
          const v = request.headers[name];
          return typeof v === 'string' ? v : undefined;
        };
        hotline.verifyTelephony(
          { timestamp: header(TIMESTAMP_HEADER), signature: header(SIGNATURE_HEADER) },
          request.rawBody ?? '',
        );
      },
    },
    async (request, reply) => {
      const result = await hotline.fromTelephony(request.body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );
};
