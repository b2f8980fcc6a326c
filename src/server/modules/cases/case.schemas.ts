import { z } from 'zod';
import { CASE_OUTCOMES, CASE_STATES } from './case.tables.js';
import { QUEUES } from './case-queue.service.js';

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

export const ZCaseListQuery = z.strictObject({
  queue: z.enum(QUEUES).default('all'),
  state: list(z.enum(CASE_STATES)).optional(),
  category: list(z.string().max(50)).optional(),
  priority: list(z.enum(['urgent', 'high', 'normal', 'low'])).optional(),
  channel: z.enum(['web', 'email', 'hotline', 'partner']).optional(),
  department: z.string().max(50).optional(),
  assignee: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(['newest', 'oldest']).default('newest'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const ZDepartmentRef = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });

export const ZCaseListItem = z.object({
  id: z.string(),
  caseNo: z.string(),
  state: z.enum(CASE_STATES),
  categoryCode: z.string(),
  priority: z.string(),
  department: ZDepartmentRef,
  assigneeId: z.string().nullable(),
  openedAt: z.date(),
  updatedAt: z.date(),
  reportCount: z.number(),
  highlight: z.string().nullable().meta({ description: 'Matching text, matches between « and »' }),
  readOnly: z.boolean(),
  nextDueAt: z.date().nullable().meta({ description: 'The earliest running deadline (paused clocks: none)' }),
  nextStage: z.string().nullable(),
  overdue: z.boolean(),
});

export const ZCaseList = z.object({ items: z.array(ZCaseListItem), nextCursor: z.string().nullable() });

export const ZCaseParams = z.strictObject({ id: z.string().max(64) });
export const ZTransitionParams = z.strictObject({ id: z.string().max(64), name: z.string().max(40) });

export const ZCaseDetail = z.object({
  id: z.string(),
  caseNo: z.string(),
  state: z.enum(CASE_STATES),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  categoryCode: z.string(),
  priority: z.string(),
  department: ZDepartmentRef,
  assignee: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  readOnly: z.boolean(),
  actions: z.array(z.string()),
  reports: z.array(
    z.object({
      id: z.string(),
      reportNo: z.string(),
      channel: z.string(),
      categoryCode: z.string(),
      description: z.string(),
      answers: z.record(z.string(), z.unknown()),
      targets: z.array(z.string()),
      occurredAt: z.date().nullable(),
      regionCode: z.string().nullable(),
      hasIdentity: z.boolean(),
      sameReporterToday: z
        .number()
        .meta({ description: 'Reports by the same real-name reporter in the last 24 h (blind indexes)' }),
      reporter: z
        .object({
          name: z.string().optional(),
          phone: z.string().optional(),
          email: z.string().optional(),
          idNumber: z.string().optional(),
          address: z.string().optional(),
        })
        .nullable()
        .meta({
          description: 'Masked identity (张*, 138****5678); reveal with POST /api/v1/reports/{id}/reveal',
        }),
      supplements: z
        .array(
          z.object({
            details: z.string().nullable(),
            answers: z.record(z.string(), z.unknown()).nullable(),
            at: z.date(),
          }),
        )
        .meta({ description: 'What the reporter added later (more details, answers)' }),
      language: z.string(),
      submittedAt: z.date(),
    }),
  ),
  timeline: z.array(
    z.object({
      kind: z.enum(['event', 'note']),
      id: z.number(),
      type: z.string(),
      actorType: z.string(),
      actorId: z.string().nullable(),
      payload: z.record(z.string(), z.unknown()),
      public: z.boolean(),
      at: z.date(),
    }),
  ),
  staffNames: z
    .record(z.string(), z.string())
    .meta({ description: 'Display names of the staff on the timeline and the assignee, by account id' }),
  triage: z.array(
    z.object({
      reportId: z.string(),
      suggestedCategory: z.string(),
      suggestedPriority: z.string(),
      reasons: z.array(z.object({ rule: z.string(), zh: z.string(), en: z.string() })),
      urgent: z.boolean(),
      routingBasis: z.string(),
      relatedCaseIds: z.array(z.string()),
    }),
  ),
  relatedCaseIds: z
    .array(z.string())
    .meta({ description: 'Open cases sharing a target that this case did not join' }),
  similarCaseIds: z.array(z.string()).meta({ description: 'Open cases whose reports read almost the same' }),
  messages: z.array(z.record(z.string(), z.unknown())),
});

export const ZAssign = z.strictObject({ assigneeId: z.uuid().nullable() });
export const ZTransfer = z.strictObject({
  departmentCode: z.string().trim().min(1).max(50),
  reason: z.string().trim().min(1).max(2000),
});
export const ZText = z.strictObject({ body: z.string().trim().min(1).max(5000) });
export const ZTransitionBody = z.record(z.string(), z.unknown()).default({});
