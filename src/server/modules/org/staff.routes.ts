import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf, sessionOf } from './access.guard.js';
import type { AuthService } from './auth.service.js';
import {
  ZCsrfToken,
  ZLogin,
  ZLoginResult,
  ZMe,
  ZPasswordChange,
  ZSignedOut,
  ZTotpCode,
  ZTotpConfirmed,
  ZTotpSetup,
} from './staff.schemas.js';
import type { StaffService } from './staff.service.js';

/** Staff sign-in, two-factor authentication, sign-out and the signed-in user's own account. */
export const staffAuthRoutes: FastifyPluginAsyncZod<{
  auth: AuthService;
  staff: StaffService;
  access: AccessGuard;
}> = async (app, { auth, staff, access }) => {
  const tags = ['staff'];
  const lang = (accept: string | undefined) => pickLanguage(accept);

  app.post(
    '/api/v1/staff/session',
    {
      schema: {
        tags,
        summary: 'Sign in with user name and password',
        description: 'Failed attempts lock the user name for a while (429 with Retry-After).',
        body: ZLogin,
        response: { 200: ZLoginResult, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => auth.login(reply, request.body.username, request.body.password, request.ip),
  );

  app.post(
    '/api/v1/staff/session/totp',
    {
      schema: {
        tags,
        summary: 'Complete sign-in with a TOTP code or a recovery code',
        body: ZTotpCode,
        response: { 200: ZCsrfToken, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => auth.completeMfa(request, reply, request.body.code, request.ip),
  );

  app.delete(
    '/api/v1/staff/session',
    {
      schema: { tags, summary: 'Sign out', response: { 204: z.null(), ...errorResponses(401, 403) } },
      preHandler: access.requireStaff(undefined, { allowEnrolment: true, allowPendingMfa: true }),
    },
    async (request, reply) => {
      await auth.logout(reply, request.staffSession);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/staff/me',
    {
      schema: {
        tags,
        summary: 'The signed-in user, with the CSRF token',
        response: { 200: ZMe, ...errorResponses(401) },
      },
      preHandler: access.requireStaff(undefined, { allowEnrolment: true, allowPendingMfa: true }),
    },
    async (request) => {
      const actor = actorOf(request);
      const session = sessionOf(request);
      const view = await staff.self(actor.id);
      return {
        ...view,
        departmentPath: actor.departmentPath,
        permissions: request.staffStage === 'full' ? actor.permissions : [],
        stage: request.staffStage ?? 'full',
        csrfToken: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/v1/staff/me/sign-out-everywhere',
    {
      schema: {
        tags,
        summary: 'End every session of the signed-in user',
        response: { 200: ZSignedOut, ...errorResponses(401, 403) },
      },
      preHandler: access.requireStaff(),
    },
    async (request, reply) => auth.signOutEverywhere(reply, actorOf(request).id),
  );

  app.post(
    '/api/v1/staff/me/password',
    {
      schema: {
        tags,
        summary: 'Change the own password (other sessions end)',
        body: ZPasswordChange,
        response: { 200: ZCsrfToken, ...errorResponses(400, 401, 403, 429) },
      },
      preHandler: access.requireStaff(),
    },
    async (request, reply) =>
      auth.changePassword(reply, sessionOf(request), request.body, lang(request.headers['accept-language'])),
  );

  app.post(
    '/api/v1/staff/me/totp/setup',
    {
      schema: {
        tags,
        summary: 'Start TOTP enrolment',
        response: { 200: ZTotpSetup, ...errorResponses(401, 403, 409) },
      },
      preHandler: access.requireStaff(undefined, { allowEnrolment: true }),
    },
    async (request) => auth.setupTotp(actorOf(request).id),
  );

  app.post(
    '/api/v1/staff/me/totp/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm TOTP enrolment; returns ten one-time recovery codes (shown once)',
        body: ZTotpCode,
        response: { 200: ZTotpConfirmed, ...errorResponses(400, 401, 403, 409) },
      },
      preHandler: access.requireStaff(undefined, { allowEnrolment: true }),
    },
    async (request, reply) => {
      if (!request.staffSession) throw new AppError('unauthenticated', 401);
      return auth.confirmTotp(
        reply,
        request.staffSession,
        request.body.code,
        lang(request.headers['accept-language']),
      );
    },
  );
};
