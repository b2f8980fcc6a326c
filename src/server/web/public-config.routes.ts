import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TConfig } from '../platform/config.js';

/** What the evidence step accepts (mirrors the evidence module's sniffing rules). */
export const EVIDENCE_ACCEPT = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'application/pdf',
  'video/mp4',
  'audio/mpeg',
  'audio/mp4',
  'audio/wav',
  'text/plain',
  'message/rfc822',
];

export const ZPublicConfig = z
  .object({
    hotline: z.string().meta({ example: '12377' }),
    reportEmail: z.string().meta({ example: 'report@qinglang.example' }),
    evidence: z.object({
      maxFileBytes: z.number().int(),
      maxFiles: z.number().int(),
      maxTotalBytes: z.number().int(),
      accept: z.array(z.string()),
    }),
  })
  .meta({ id: 'PublicConfig' });

/** Public facts the portal shows: the hotline, the report e-mail address and the evidence limits. */
export const publicConfigRoutes: FastifyPluginAsyncZod<{ config: TConfig }> = async (app, { config }) => {
  const body = {
    hotline: config.PUBLIC_HOTLINE,
    reportEmail: config.PUBLIC_REPORT_EMAIL,
    evidence: {
      maxFileBytes: config.EVIDENCE_MAX_FILE_BYTES,
      maxFiles: config.EVIDENCE_MAX_FILES,
      maxTotalBytes: config.EVIDENCE_MAX_TOTAL_BYTES,
      accept: EVIDENCE_ACCEPT,
    },
  };
  app.get(
    '/api/v1/public/config',
    {
      schema: {
        tags: ['public'],
        summary: 'Public settings shown by the portal',
        response: { 200: ZPublicConfig },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return body;
    },
  );
};
