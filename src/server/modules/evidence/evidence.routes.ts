import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponses } from '../../platform/http/schemas.js';
import { ZEvidenceList, ZEvidenceParams, ZReportEvidenceParams } from './evidence.schemas.js';
import type { EvidenceService, TEvidenceRecord } from './evidence.service.js';

/** Decides whether the staff member behind `request` may see `reportId`'s evidence; throws AppError if not. */
export type TAuthorizeEvidence = (request: FastifyRequest, reportId: string) => Promise<{ actorId: string }>;

/** The only header set under which evidence bytes are served: nothing in them may run or be sniffed. */
export const VIEWER_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'video/mp4': 'mp4',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
  'text/plain; charset=utf-8': 'txt',
  'message/rfc822': 'eml',
};

/** Images and PDFs may be shown inline (sandboxed); everything else is only ever downloaded. */
export function dispositionOf(record: Pick<TEvidenceRecord, 'id' | 'mime'>): string {
  const inline = record.mime.startsWith('image/') || record.mime === 'application/pdf';
  return `${inline ? 'inline' : 'attachment'}; filename="${record.id}.${EXTENSIONS[record.mime] ?? 'bin'}"`;
}

/**
 * Staff access to evidence, through the server only (there is no public URL). `authorize` is the staff access
 * check (wired by the composition root); every download is audited as `evidence.downloaded`.
 */
export const evidenceStaffRoutes: FastifyPluginAsyncZod<{
  evidence: EvidenceService;
  authorize: TAuthorizeEvidence;
}> = async (app, { evidence, authorize }) => {
  app.get(
    '/api/v1/staff/reports/:reportId/evidence',
    {
      schema: {
        tags: ['staff', 'evidence'],
        summary: "A report's evidence (facts and hashes, no file names)",
        params: ZReportEvidenceParams,
        response: { 200: ZEvidenceList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      await authorize(request, request.params.reportId);
      const rows = await evidence.list(request.params.reportId);
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          mime: r.mime,
          receivedBytes: r.receivedBytes,
          storedBytes: r.storedBytes,
          receivedSha256: r.receivedSha256.toString('hex'),
          storedSha256: r.storedSha256.toString('hex'),
          width: r.width,
          height: r.height,
          source: r.source,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/v1/staff/evidence/:evidenceId',
    {
      schema: {
        tags: ['staff', 'evidence'],
        summary: 'The bytes of one evidence file (audited)',
        description:
          'Images and PDFs inline, everything else as an attachment; always with nosniff and a sandboxing CSP.',
        params: ZEvidenceParams,
        response: errorResponses(400, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const { record, body } = await evidence.open(request.params.evidenceId, (reportId) =>
        authorize(request, reportId),
      );
      return reply
        .header('content-type', record.mime)
        .header('content-length', String(record.storedBytes))
        .header('content-disposition', dispositionOf(record))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', VIEWER_CSP)
        .header('cache-control', 'private, no-store')
        .header('x-evidence-sha256', record.storedSha256.toString('hex'))
        .send(body as never); // a stream: sent as bytes, never serialised against the (error) schemas
    },
  );
};
