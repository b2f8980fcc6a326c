import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { ZCategoryList } from './category.schemas.js';
import { type CategoryService, presentCategory } from './category.service.js';

export const categoryRoutes: FastifyPluginAsyncZod<{ categories: CategoryService }> = async (
  app,
  { categories },
) => {
  app.get(
    '/api/v1/categories',
    {
      schema: {
        tags: ['categories'],
        summary: 'Report categories with their questionnaires',
        description: 'In the language of Accept-Language (zh-CN by default, or en).',
        response: { 200: ZCategoryList, ...errorResponses(503) },
      },
    },
    async (request, reply) => {
      const lang = pickLanguage(request.headers['accept-language']);
      reply.header('vary', 'Accept-Language');
      return { categories: (await categories.all()).map((c) => presentCategory(c, lang)) };
    },
  );
};
