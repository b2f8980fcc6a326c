import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf } from './access.guard.js';
import {
  ZPasswordReset,
  ZRolesChange,
  ZStaffCreate,
  ZStaffCreated,
  ZStaffDetail,
  ZStaffId,
  ZStaffList,
  ZStaffView,
} from './staff.schemas.js';
import type { StaffService } from './staff.service.js';

/** Staff administration (permission `user.manage`), bounded by the administrator's department subtree. */
export const staffAdminRoutes: FastifyPluginAsyncZod<{ staff: StaffService; access: AccessGuard }> = async (
  app,
  { staff, access },
) => {
  const tags = ['staff administration'];
  const preHandler = access.requireStaff('user.manage');
  const errors = errorResponses(400, 401, 403, 404, 409);

  app.get(
    '/api/v1/staff/users',
    {
      schema: {
        tags,
        summary: 'Staff in the administrator’s scope',
        response: { 200: ZStaffList, ...errors },
      },
      preHandler,
    },
    async (request) => ({ users: await staff.list(actorOf(request)) }),
  );

  app.post(
    '/api/v1/staff/users',
    {
      schema: {
        tags,
        summary: 'Create a staff account (a generated initial password is returned once)',
        body: ZStaffCreate,
        response: { 201: ZStaffCreated, ...errors },
      },
      preHandler,
    },
    async (request, reply) => {
      const created = await staff.create(
        actorOf(request),
        request.body,
        pickLanguage(request.headers['accept-language']),
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/staff/users/:id',
    {
      schema: {
        tags,
        summary: 'One staff account',
        params: ZStaffId,
        response: { 200: ZStaffDetail, ...errors },
      },
      preHandler,
    },
    async (request) => staff.get(actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/staff/users/:id/disable',
    {
      schema: {
        tags,
        summary: 'Disable an account (its sessions end)',
        params: ZStaffId,
        response: { 200: ZStaffView, ...errors },
      },
      preHandler,
    },
    async (request) => staff.setDisabled(actorOf(request), request.params.id, true),
  );

  app.post(
    '/api/v1/staff/users/:id/enable',
    {
      schema: {
        tags,
        summary: 'Enable an account',
        params: ZStaffId,
        response: { 200: ZStaffView, ...errors },
      },
      preHandler,
    },
    async (request) => staff.setDisabled(actorOf(request), request.params.id, false),
  );

  app.put(
    '/api/v1/staff/users/:id/roles',
    {
      schema: {
        tags,
        summary: 'Replace an account’s roles',
        params: ZStaffId,
        body: ZRolesChange,
        response: { 200: ZStaffView, ...errors },
      },
      preHandler,
    },
    async (request) => staff.setRoles(actorOf(request), request.params.id, request.body.roles),
  );

  app.post(
    '/api/v1/staff/users/:id/totp/reset',
    {
      schema: {
        tags,
        summary: 'Remove an account’s TOTP (they enrol again)',
        params: ZStaffId,
        response: { 200: ZStaffView, ...errors },
      },
      preHandler,
    },
    async (request) => staff.resetTotp(actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/staff/users/:id/password/reset',
    {
      schema: {
        tags,
        summary: 'Set a generated password (returned once)',
        params: ZStaffId,
        response: { 200: ZPasswordReset, ...errors },
      },
      preHandler,
    },
    async (request) => staff.resetPassword(actorOf(request), request.params.id),
  );
};
