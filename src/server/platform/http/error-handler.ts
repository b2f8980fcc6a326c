import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, describeError, type FieldError, isDatabaseUnavailable } from '../errors.js';
import { isMessageKey, translate } from '../i18n/translate.js';
import { pickLanguage } from './language.js';
import { issueToFieldErrors, type TIssueLike } from './validation.js';

export const RETRY_AFTER_SECONDS = 5;

/** Maps Fastify's own errors (body parsing, content type, size) to AppErrors. */
function fromFastifyError(err: FastifyError, bodyLimit: number): AppError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 413, { limit: bodyLimit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 415, { expected: 'application/json' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('invalid_json', 400);
    default:
      if (err instanceof SyntaxError && err.statusCode === 400) return new AppError('invalid_json', 400);
      return undefined;
  }
}

function toAppError(err: unknown, request: FastifyRequest, bodyLimit: number): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const lang = pickLanguage(request.headers['accept-language']);
    const context = (err as { validationContext?: string }).validationContext ?? 'body';
    const input = (request as unknown as Record<string, unknown>)[context];
    const fields: FieldError[] = err.validation.flatMap((v) => {
      const path = v.instancePath.split('/').filter(Boolean);
      const issue = {
        ...(v.params as object),
        code: v.keyword,
        message: v.message ?? '',
        path,
      } as TIssueLike;
      return issueToFieldErrors(issue, input, lang);
    });
    return new AppError('validation_failed', 400, {}, fields);
  }
  if (isDatabaseUnavailable(err) || isDatabaseUnavailable((err as { cause?: unknown }).cause)) {
    return new AppError('service_unavailable', 503, { retryAfter: RETRY_AFTER_SECONDS }, undefined, {
      'retry-after': String(RETRY_AFTER_SECONDS),
    });
  }
  const mapped = fromFastifyError(err as FastifyError, bodyLimit);
  if (mapped) return mapped;
  const status = (err as FastifyError).statusCode;
  if (status === 405) return new AppError('method_not_allowed', 405);
  return new AppError('internal', 500);
}

/** Sends `{ error: { code, message, fields? } }` in the caller's language. */
export function sendError(reply: FastifyReply, request: FastifyRequest, error: AppError): FastifyReply {
  const lang = pickLanguage(request.headers['accept-language']);
  const key = `error.${error.code}`;
  const message = isMessageKey(key) ? translate(lang, key, error.params) : error.code;
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  const body: { code: string; message: string; fields?: FieldError[] } = { code: error.code, message };
  if (error.fields?.length) {
    body.fields = error.fields.map((f) =>
      isMessageKey(f.message) ? { ...f, message: translate(lang, f.message) } : f,
    );
  }
  return reply.status(error.status).send({ error: body });
}

/** The one place errors become HTTP answers; 5xx details go to the log, never to the caller. */
export function registerErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((err, request, reply) => {
    const error = toAppError(err, request, bodyLimit);
    if (error.status >= 500) {
      request.log.error({ err: describeError(err) }, 'request failed');
    }
    return sendError(reply, request, error);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      request,
      new AppError('route_not_found', 404, { method: request.method, url: request.url.split('?')[0] ?? '' }),
    ),
  );
}
