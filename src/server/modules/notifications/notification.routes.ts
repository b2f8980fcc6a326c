import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pickLanguage } from '../../platform/http/language.js';
import { errorResponses } from '../../platform/http/schemas.js';
import { type AccessGuard, actorOf } from '../org/access.guard.js';
import type { NotificationService } from './notification.service.js';
import { EMAIL_MODES } from './notification.tables.js';
import type { ReporterNotices } from './reporter-notice.service.js';
import { ALLOWED_PLACEHOLDERS, REPORTER_NOTICE_KINDS } from './templates.js';

const errors = errorResponses(400, 401, 403, 404);
const ZPreferences = z.strictObject({
  email: z.email().max(254).nullable(),
  emailMode: z.enum(EMAIL_MODES).meta({ description: 'off, immediate, or digest (one e-mail a day)' }),
  language: z.enum(['zh-CN', 'en']),
});
const ZTemplate = z.strictObject({
  kind: z.enum(REPORTER_NOTICE_KINDS),
  language: z.enum(['zh-CN', 'en']),
  channel: z.enum(['email', 'sms']),
  subject: z.string().max(200),
  body: z.string().trim().min(1).max(2000),
});

/** The signed-in staff member's notifications and e-mail preferences; admins edit reporter message templates. */
export const notificationRoutes: FastifyPluginAsyncZod<{
  access: AccessGuard;
  notifications: NotificationService;
  notices: ReporterNotices;
}> = async (app, o) => {
  const tags = ['notifications'];
  const staff = { preHandler: o.access.requireStaff() };

  app.get(
    '/api/v1/notifications',
    {
      ...staff,
      schema: {
        tags,
        summary: 'My notifications, newest first, with the unread count',
        querystring: z.strictObject({
          unread: z.enum(['true', 'false']).default('false'),
          before: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(30),
        }),
        response: {
          200: z.object({
            unread: z.number(),
            items: z.array(
              z.object({
                id: z.number(),
                kind: z.string(),
                caseId: z.string().nullable(),
                params: z.record(z.string(), z.string()),
                text: z.string(),
                createdAt: z.date(),
                readAt: z.date().nullable(),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      o.notifications.list(actorOf(request).id, pickLanguage(request.headers['accept-language']), {
        unreadOnly: request.query.unread === 'true',
        limit: request.query.limit,
        ...(request.query.before ? { before: request.query.before } : {}),
      }),
  );

  app.post(
    '/api/v1/notifications/read',
    {
      ...staff,
      schema: {
        tags,
        summary: 'Mark notifications read (the given ids, or all)',
        body: z.strictObject({
          ids: z.array(z.number().int()).max(500).optional(),
          all: z.boolean().optional(),
        }),
        response: { 200: z.object({ marked: z.number() }), ...errors },
      },
    },
    async (request) => ({
      marked: await o.notifications.markRead(
        actorOf(request).id,
        request.body.all ? 'all' : (request.body.ids ?? []),
      ),
    }),
  );

  app.get(
    '/api/v1/notifications/preferences',
    {
      ...staff,
      schema: { tags, summary: 'My e-mail preferences', response: { 200: ZPreferences, ...errors } },
    },
    async (request) => o.notifications.preferences(actorOf(request).id),
  );

  app.put(
    '/api/v1/notifications/preferences',
    {
      ...staff,
      schema: {
        tags,
        summary: 'Set my e-mail preferences',
        body: ZPreferences,
        response: { 200: ZPreferences, ...errors },
      },
    },
    async (request) => {
      await o.notifications.setPreferences(actorOf(request).id, request.body);
      return request.body;
    },
  );

  const manage = { preHandler: o.access.requireStaff('notifications.manage') };
  app.get(
    '/api/v1/admin/notification-templates',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Templates of messages to reporters, with the placeholders each kind may use',
        response: {
          200: z.object({
            templates: z.array(ZTemplate.extend({ edited: z.boolean() })),
            placeholders: z.record(z.string(), z.array(z.string())),
          }),
          ...errors,
        },
      },
    },
    async () => ({
      templates: await o.notices.templates(),
      placeholders: ALLOWED_PLACEHOLDERS as unknown as Record<string, string[]>,
    }),
  );

  app.put(
    '/api/v1/admin/notification-templates',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Edit a template (only the placeholders its kind allows)',
        body: ZTemplate,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (request) => {
      await o.notices.saveTemplate(actorOf(request), request.body);
      return { ok: true as const };
    },
  );
};
