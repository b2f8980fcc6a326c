import multipart, { type Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import { translate } from '../../platform/i18n/translate.js';
import type { EvidenceService } from './evidence.service.js';
import {
  multipartError,
  type TEvidenceLimits,
  type TReceivedUpload,
  type TUploadPart,
} from './evidence.upload.js';

/** The multipart part name that carries files. */
export const FILE_FIELD = 'file';

/**
 * Lets the routes of the calling plugin (and only those: the parser is registered in that plugin's
 * encapsulation context) accept `multipart/form-data`. JSON bodies are untouched. The parser limits sit one
 * above ours, so our own checks (which name the limit) trip first.
 */
export async function acceptEvidenceUploads(app: FastifyInstance, limits: TEvidenceLimits): Promise<void> {
  await app.register(multipart, {
    limits: {
      fileSize: limits.maxFileBytes + 1,
      files: limits.maxFiles + 1,
      fields: 20,
      parts: limits.maxFiles + 21,
      fieldSize: app.initialConfig.bodyLimit,
    },
  });
}

async function* fileParts(
  parts: AsyncIterable<Multipart>,
  fields: Record<string, string>,
  allowed: readonly string[],
  language: TLanguage,
  fieldLimit: number,
): AsyncGenerator<TUploadPart> {
  for await (const part of parts) {
    const unknown = part.type === 'file' ? part.fieldname !== FILE_FIELD : !allowed.includes(part.fieldname);
    if (unknown) {
      if (part.type === 'file') part.file.resume();
      const message = translate(language, 'field.unknown_field', { keys: part.fieldname.slice(0, 100) });
      throw new AppError('validation_failed', 400, {}, [{ path: part.fieldname.slice(0, 100), message }]);
    }
    if (part.type === 'file') {
      yield part;
    } else {
      if (part.valueTruncated) throw new AppError('payload_too_large', 413, { limit: fieldLimit });
      fields[part.fieldname] = String(part.value);
    }
  }
}

/**
 * Reads a multipart request of the plugin that called `acceptEvidenceUploads`: text parts named in `fields`
 * are returned as strings, parts named `file` are received by `evidence.receive` (limits enforced, nothing
 * stored yet). Any other part is a 400. The caller then calls `evidence.store(upload)` or
 * `evidence.discard(upload)`.
 */
export async function readUpload(
  request: FastifyRequest,
  evidence: EvidenceService,
  options: { fields: readonly string[]; language: TLanguage },
): Promise<{ fields: Record<string, string>; upload: TReceivedUpload }> {
  const fields: Record<string, string> = {};
  try {
    const limit = request.server.initialConfig.bodyLimit ?? 1_048_576;
    const parts = fileParts(request.parts(), fields, options.fields, options.language, limit);
    const upload = await evidence.receive(parts);
    return { fields, upload };
  } catch (err) {
    throw multipartError(err, evidence.limits);
  }
}
