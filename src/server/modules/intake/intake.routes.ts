import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { formatReceiptCode } from '../reporters/receipt-code.js';
import { ZReportCreate, ZReportCreated } from './intake.schemas.js';
import type { IntakeService } from './intake.service.js';

/** The web channel adapter: JSON in, 201 with report number and receipt code out. */
export const intakeRoutes: FastifyPluginAsyncZod<{ intake: IntakeService }> = async (app, { intake }) => {
  app.post(
    '/api/v1/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Submit a report',
        description:
          'Anonymous unless `reporter` is given. Answers 201 only after the report has been stored; 503 with Retry-After when it could not be.',
        body: ZReportCreate,
        response: { 201: ZReportCreated, ...errorResponses(400, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await intake.submit({
        channel: 'web',
        category: body.category,
        description: body.description,
        answers: body.answers,
        occurredAt: body.occurredAt ? new Date(body.occurredAt) : undefined,
        regionCode: body.regionCode,
        targets: body.targets,
        reporter: body.reporter,
        language: pickLanguage(request.headers['accept-language']),
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
