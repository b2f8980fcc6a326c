import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { translate } from '../../platform/i18n/translate.js';
import type { SubmissionGuard } from '../../platform/submission-guard.js';
import { acceptEvidenceUploads, readUpload } from '../evidence/evidence.multipart.js';
import type { EvidenceService, TReceivedUpload } from '../evidence/evidence.service.js';
import { formatReceiptCode } from '../reporters/receipt-code.js';
import { ZProofHeader, ZReportCreate, ZReportCreated } from './intake.schemas.js';
import type { IntakeService } from './intake.service.js';

/** The multipart part holding the report (the same JSON as the JSON body). */
const REPORT_FIELD = 'report';

/**
 * The web channel adapter: JSON (or multipart: a `report` part with that JSON and `file` parts) in, 201 with
 * report number and receipt code out.
 */
export const intakeRoutes: FastifyPluginAsyncZod<{
  intake: IntakeService;
  evidence: EvidenceService;
  /** Proof of work and the per-address limit of the public web channel. */
  guard: SubmissionGuard;
}> = async (app, { intake, evidence, guard }) => {
  await acceptEvidenceUploads(app, evidence.limits);
  /**
   * Files received for a multipart request, until they are stored (handler) or discarded — before the answer
   * leaves (onSend), so a client that got its 4xx finds no temporary file left behind.
   */
  const uploads = new WeakMap<FastifyRequest, TReceivedUpload>();
  const discard = async (request: FastifyRequest) => {
    const upload = uploads.get(request);
    uploads.delete(request);
    if (upload) await evidence.discard(upload);
  };

  app.post(
    '/api/v1/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Submit a report',
        description:
          'Anonymous unless `reporter` is given. Needs `X-Proof-Of-Work: <challenge>:<nonce>` solving a challenge from GET /api/v1/pow (428 when missing, wrong, expired or reused; 429 with Retry-After past the per-address limit). ' +
          'Answers 201 only after the report has been stored; 503 with Retry-After when it could not be. ' +
          'With evidence: send `multipart/form-data` with one part `report` holding this JSON body and up to ' +
          `${evidence.limits.maxFiles} parts \`file\` (JPEG, PNG, WebP, GIF, HEIC, PDF, MP4, MP3, M4A, WAV, plain text, .eml; ` +
          'the type is read from the bytes; images are re-encoded without metadata).',
        body: ZReportCreate,
        headers: ZProofHeader,
        response: { 201: ZReportCreated, ...errorResponses(400, 413, 415, 428, 429, 503) },
      },
      // Proof of work and the per-address limit come first, before any body (or file) is read.
      onRequest: async (request) => {
        const header = request.headers['x-proof-of-work'];
        await guard.admit(typeof header === 'string' ? header : undefined, request.ip);
      },
      // Multipart: receive the files (limits enforced, nothing stored yet) and put the `report` part where the
      // JSON body would be, so the route's schema validates it exactly like a JSON submission.
      preValidation: async (request) => {
        if (!request.isMultipart()) return;
        const language = pickLanguage(request.headers['accept-language']);
        const { fields, upload } = await readUpload(request, evidence, { fields: [REPORT_FIELD], language });
        uploads.set(request, upload);
        const report = fields[REPORT_FIELD];
        if (report === undefined) {
          const message = translate(language, 'field.required');
          throw new AppError('validation_failed', 400, {}, [{ path: REPORT_FIELD, message }]);
        }
        try {
          request.body = JSON.parse(report);
        } catch {
          throw new AppError('invalid_json', 400);
        }
      },
      onSend: async (request, _reply, payload) => {
        await discard(request);
        return payload;
      },
      onRequestAbort: discard,
    },
    async (request, reply) => {
      const body = request.body;
      // A retried submission (same Idempotency-Key) gets the first one's answer; its files are discarded.
      const idempotencyKey = request.headers['idempotency-key'];
      const replayed = idempotencyKey ? await intake.replay(idempotencyKey) : undefined;
      if (replayed) {
        return reply
          .status(201)
          .header('idempotent-replayed', 'true')
          .send({
            reportNo: replayed.reportNo,
            receiptCode: formatReceiptCode(replayed.receiptCode),
            caseNo: replayed.caseNo,
            status: replayed.status,
          });
      }
      // Sniffed, cleaned and stored before the intake write (which then inserts their rows in its statement).
      const upload = uploads.get(request);
      uploads.delete(request);
      const files = upload ? await evidence.store(upload) : undefined;
      const result = await intake.submit({
        channel: 'web',
        category: body.category,
        description: body.description,
        answers: body.answers,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
        regionCode: body.regionCode,
        targets: body.targets,
        reporter: body.reporter ? withoutConsent(body.reporter) : undefined,
        contactConsent: body.reporter?.contactConsent === true,
        language: pickLanguage(request.headers['accept-language']),
        evidence: files,
        idempotencyKey,
      });
      return reply.status(201).send({
        reportNo: result.reportNo,
        receiptCode: formatReceiptCode(result.receiptCode),
        caseNo: result.caseNo,
        status: result.status,
      });
    },
  );
};

function withoutConsent<T extends { contactConsent?: boolean | undefined }>(r: T): Omit<T, 'contactConsent'> {
  const { contactConsent: _, ...identity } = r;
  return identity;
}
