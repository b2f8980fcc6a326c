import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/schemas.js';
import type { AccessGuard } from './access.guard.js';
import type { DepartmentService } from './department.service.js';

export const ZDepartmentNode = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  level: z.enum(['national', 'province', 'city', 'district']),
  parentCode: z.string().nullable().meta({ description: 'null for the national centre' }),
});
export const ZDepartmentTree = z.object({
  departments: z
    .array(ZDepartmentNode)
    .meta({ description: 'Parents before children (by depth, then path)' }),
});

/** The department tree for pickers (transfer, filters): any signed-in staff member. */
export const departmentRoutes: FastifyPluginAsyncZod<{
  departments: DepartmentService;
  access: AccessGuard;
}> = async (app, { departments, access }) => {
  app.get(
    '/api/v1/departments',
    {
      schema: {
        tags: ['org'],
        summary: 'The department tree (code, names, level, parent code)',
        response: { 200: ZDepartmentTree, ...errorResponses(401, 403) },
      },
      preHandler: access.requireStaff(),
    },
    async () => {
      const all = await departments.all();
      const codeOf = new Map(all.map((d) => [d.id, d.code]));
      return {
        departments: all.map((d) => ({
          code: d.code,
          nameZh: d.nameZh,
          nameEn: d.nameEn,
          level: d.level,
          parentCode: d.parentId ? (codeOf.get(d.parentId) ?? null) : null,
        })),
      };
    },
  );
};
