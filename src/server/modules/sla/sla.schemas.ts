import { z } from 'zod';
import { SLA_STAGES, SLA_UNITS } from './sla.tables.js';

export const ZCaseIdParams = z.strictObject({ id: z.string().max(64) });

export const ZDeadline = z.object({
  id: z.number(),
  stage: z.enum(SLA_STAGES),
  round: z.number(),
  status: z.string(),
  unit: z.enum(SLA_UNITS),
  amount: z.number(),
  startedAt: z.date().nullable(),
  dueAt: z.date().nullable(),
  metAt: z.date().nullable(),
  pausedAt: z.date().nullable(),
  extensions: z.number(),
  extensionsAllowed: z.number(),
  extensionMaxDays: z.number(),
  msLeft: z.number().nullable().meta({ description: 'Time left while running (negative: overdue)' }),
  overdue: z.boolean(),
  onTheHook: z.object({ assigneeId: z.string().nullable(), departmentId: z.string() }).nullable(),
});
export const ZDeadlines = z.object({ deadlines: z.array(ZDeadline) });

export const ZExtension = z.strictObject({
  days: z.number().int().min(1).max(365),
  reason: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .meta({ description: 'Told to the reporter (receipt session and, with consent, e-mail/SMS)' }),
});
export const ZExtended = z.object({ stage: z.string(), previousDueAt: z.date(), dueAt: z.date() });

const ZDue = z.object({
  caseId: z.string(),
  caseNo: z.string(),
  stage: z.string(),
  dueAt: z.date(),
  state: z.string(),
  departmentId: z.string(),
});
const ZSupervisionItem = z.object({
  id: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  stage: z.string(),
  dueAt: z.date().nullable(),
  departmentId: z.string(),
  superiorDepartmentId: z.string(),
  state: z.enum(['open', 'resolved']),
  note: z.string().nullable(),
  createdAt: z.date(),
});
const ZCompliance = z.object({
  from: z.date(),
  to: z.date(),
  total: z.number(),
  onTime: z.number(),
  share: z.number().nullable(),
  rows: z.array(
    z.object({
      departmentCode: z.string(),
      categoryCode: z.string(),
      total: z.number(),
      onTime: z.number(),
      share: z.number().nullable(),
    }),
  ),
});
export const ZDashboard = z.object({
  now: z.date(),
  unreadNotifications: z.number(),
  overdue: z.array(ZDue),
  dueSoon: z.array(ZDue),
  supervisor: z
    .object({ thisMonth: ZCompliance, lastMonth: ZCompliance, supervisionItems: z.array(ZSupervisionItem) })
    .nullable()
    .meta({
      description: 'For supervisors: SLA compliance of their subtree and their supervision items (督办)',
    }),
});
export const ZSupervisionQuery = z.strictObject({
  state: z.enum(['open', 'resolved', 'all']).default('open'),
});
export const ZSupervisionList = z.object({ items: z.array(ZSupervisionItem) });
export const ZResolve = z.strictObject({ note: z.string().trim().min(1).max(2000) });

export const ZRuleInput = z.strictObject({
  departmentCode: z.string().max(50).optional().meta({ description: 'Omit for the national defaults' }),
  stage: z.enum(SLA_STAGES),
  categoryCode: z.string().max(50).optional(),
  priority: z.enum(['urgent', 'high', 'normal', 'low']).optional(),
  channel: z.enum(['web', 'email', 'hotline', 'partner']).optional(),
  trustedFlagger: z
    .boolean()
    .default(false)
    .meta({ description: 'Only for cases opened by a trusted flagger (a partner marked trusted)' }),
  unit: z.enum(SLA_UNITS),
  amount: z.number().int().min(1).max(3650),
  allowLonger: z.boolean().default(false),
  extensionsAllowed: z.number().int().min(0).max(5).default(0),
  extensionMaxDays: z.number().int().min(0).max(365).default(0),
  source: z.string().trim().min(1).max(1000),
});
export const ZRule = z.object({
  id: z.string(),
  departmentCode: z.string().nullable(),
  stage: z.string(),
  categoryCode: z.string().nullable(),
  priority: z.string().nullable(),
  channel: z.string().nullable(),
  trustedFlagger: z.boolean(),
  unit: z.string(),
  amount: z.number(),
  allowLonger: z.boolean(),
  extensionsAllowed: z.number(),
  extensionMaxDays: z.number(),
  source: z.string(),
  createdAt: z.date(),
});
export const ZDepartmentQuery = z.strictObject({ department: z.string().max(50).optional() });
export const ZClosureInput = z.strictObject({
  departmentCode: z.string().max(50),
  day: z.iso.date(),
  reason: z.string().trim().min(1).max(500),
});
export const ZClosures = z.object({
  closures: z.array(z.object({ departmentId: z.string(), day: z.string(), reason: z.string() })),
});

export const ZJobs = z.object({
  jobs: z.array(
    z.object({
      id: z.string(),
      task: z.string(),
      state: z.enum(['queued', 'running', 'failed', 'retrying']),
      attempts: z.number(),
      maxAttempts: z.number(),
      runAt: z.date(),
      lastError: z.string().nullable(),
      lockedAt: z.date().nullable(),
      createdAt: z.date(),
    }),
  ),
});
export const ZJobsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
