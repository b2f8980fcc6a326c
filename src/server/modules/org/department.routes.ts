import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isTimeZone } from '../../platform/calendar/calendar.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf } from './access.guard.js';
import type { TDepartmentRow } from './department.repository.js';
import type { DepartmentService } from './department.service.js';

export const ZDepartmentNode = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  level: z.enum(['national', 'province', 'city', 'district']),
  parentCode: z.string().nullable().meta({ description: 'null for the national centre' }),
  timeZone: z.string().meta({ description: 'IANA time zone: its deadlines end at local midnight there' }),
});
export const ZDepartmentTree = z.object({
  departments: z
    .array(ZDepartmentNode)
    .meta({ description: 'Parents before children (by depth, then path)' }),
});

export const ZDepartmentCode = z.strictObject({ code: z.string().min(1).max(50) });
export const ZDepartmentPatch = z.strictObject({
  timeZone: z
    .string()
    .max(64)
    .refine(isTimeZone, 'field.time_zone')
    .meta({ description: 'IANA time zone name, e.g. Asia/Shanghai, Europe/Berlin' }),
});

function nodeOf(d: TDepartmentRow, codeOf: Map<string, string>) {
  return {
    code: d.code,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    level: d.level,
    parentCode: d.parentId ? (codeOf.get(d.parentId) ?? null) : null,
    timeZone: d.timeZone,
  };
}

/**
 * The department tree for pickers (transfer, filters): any signed-in staff member. Administrators
 * (`sla.manage`, in their subtree) set a department's time zone.
 */
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
      return { departments: all.map((d) => nodeOf(d, codeOf)) };
    },
  );

  app.patch(
    '/api/v1/admin/departments/:code',
    {
      schema: {
        tags: ['org'],
        summary: "Set a department's time zone (its new deadlines end at local midnight there)",
        params: ZDepartmentCode,
        body: ZDepartmentPatch,
        response: { 200: ZDepartmentNode, ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: access.requireStaff('sla.manage'),
    },
    async (request) => {
      const d = await departments.setTimeZone(actorOf(request), request.params.code, request.body.timeZone);
      const codeOf = new Map((await departments.all()).map((x) => [x.id, x.code]));
      return nodeOf(d, codeOf);
    },
  );
};
