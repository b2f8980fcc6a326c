import { caseRoute, type TMatrixRow } from './access.matrix.types.js';

/**
 * Rows of the access matrix (see `access.matrix.ts`): cases (queues, the case page, the workflow), deadlines,
 * notifications.
 */
export const CASES_ROUTES: TMatrixRow[] = [
  // Cases: queues, the case page, the workflow.
  { method: 'GET', route: '/api/v1/cases', access: 'case.read', allowed: 200 },
  caseRoute('', 'GET', 'case.read', 200),
  {
    ...caseRoute('/transitions/:name', 'POST', 'case.handle', 200, { note: '受理' }),
    request: async (f) => ({ url: `/api/v1/cases/${await f.caseInScope()}/transitions/accept`, payload: {} }),
    outOfScope: async (f) => ({
      url: `/api/v1/cases/${await f.caseOutOfScope()}/transitions/accept`,
      payload: {},
    }),
  },
  caseRoute('/claim', 'POST', 'case.handle', 200),
  caseRoute('/assign', 'POST', 'case.assign', 200, { assigneeId: null }),
  caseRoute('/assignees', 'GET', 'case.assign', 200),
  caseRoute('/transfer', 'POST', 'case.transfer', 200, { departmentCode: 'SZ', reason: '属地管辖' }),
  caseRoute('/notes', 'POST', 'case.handle', 201, { body: '内部备注' }),
  caseRoute('/messages', 'POST', 'case.handle', 201, { body: '请补充材料' }),
  // Deadlines (issue 8): a case's deadlines, extension, the console home, 督办, rules, closures, jobs.
  caseRoute('/deadlines', 'GET', 'case.read', 200),
  // A new case has no running handling stage yet: the supervisor gets through, then 409.
  caseRoute('/extension', 'POST', 'case.assign', 409, { days: 10, reason: '案情复杂，需协调多个平台核查' }),
  { method: 'GET', route: '/api/v1/dashboard', access: 'staff', allowed: 200 },
  { method: 'GET', route: '/api/v1/departments', access: 'staff', allowed: 200 },
  {
    method: 'PATCH',
    route: '/api/v1/admin/departments/:code',
    access: 'sla.manage',
    request: async () => ({ url: '/api/v1/admin/departments/GZ', payload: { timeZone: 'Asia/Shanghai' } }),
    outOfScope: async () => ({ url: '/api/v1/admin/departments/ZJ', payload: { timeZone: 'Asia/Shanghai' } }),
    allowed: 200,
  },
  { method: 'GET', route: '/api/v1/supervision-items', access: 'case.assign', allowed: 200 },
  {
    method: 'POST',
    route: '/api/v1/supervision-items/:id/resolve',
    access: 'case.assign',
    request: async () => ({
      url: '/api/v1/supervision-items/00000000-0000-4000-8000-000000000000/resolve',
      payload: { note: '已督促办理' },
    }),
    allowed: 404,
  },
  { method: 'GET', route: '/api/v1/sla/rules', access: 'case.read', allowed: 200 },
  {
    method: 'PUT',
    route: '/api/v1/sla/rules',
    access: 'sla.manage',
    request: async () => ({
      url: '/api/v1/sla/rules',
      payload: {
        departmentCode: 'GZ',
        stage: 'acceptance',
        unit: 'working_days',
        amount: 5,
        source: '矩阵测试',
      },
    }),
    outOfScope: async () => ({
      url: '/api/v1/sla/rules',
      payload: {
        departmentCode: 'ZJ',
        stage: 'acceptance',
        unit: 'working_days',
        amount: 5,
        source: '矩阵测试',
      },
    }),
    outOfScopeStatus: 400,
    allowed: 200,
  },
  {
    method: 'GET',
    route: '/api/v1/sla/closures',
    access: 'case.read',
    request: async () => ({ url: '/api/v1/sla/closures?department=GZ' }),
    outOfScope: async () => ({ url: '/api/v1/sla/closures?department=ZJ' }),
    outOfScopeStatus: 400,
    allowed: 200,
  },
  {
    method: 'POST',
    route: '/api/v1/sla/closures',
    access: 'sla.manage',
    request: async () => ({
      url: '/api/v1/sla/closures',
      payload: { departmentCode: 'GZ', day: '2026-12-31', reason: '矩阵测试闭馆' },
    }),
    outOfScope: async () => ({
      url: '/api/v1/sla/closures',
      payload: { departmentCode: 'ZJ', day: '2026-12-31', reason: '矩阵测试闭馆' },
    }),
    outOfScopeStatus: 400,
    allowed: 201,
  },
  { method: 'GET', route: '/api/v1/admin/jobs', access: 'jobs.read', allowed: 200 },
  // Notifications: one's own; reporter message templates (admins).
  { method: 'GET', route: '/api/v1/notifications', access: 'staff', allowed: 200 },
  {
    method: 'POST',
    route: '/api/v1/notifications/read',
    access: 'staff',
    request: async () => ({ url: '/api/v1/notifications/read', payload: { all: true } }),
    allowed: 200,
  },
  { method: 'GET', route: '/api/v1/notifications/preferences', access: 'staff', allowed: 200 },
  {
    method: 'PUT',
    route: '/api/v1/notifications/preferences',
    access: 'staff',
    request: async () => ({
      url: '/api/v1/notifications/preferences',
      payload: { email: null, emailMode: 'off', language: 'zh-CN' },
    }),
    allowed: 200,
  },
  {
    method: 'GET',
    route: '/api/v1/admin/notification-templates',
    access: 'notifications.manage',
    allowed: 200,
  },
  {
    method: 'PUT',
    route: '/api/v1/admin/notification-templates',
    access: 'notifications.manage',
    request: async () => ({
      url: '/api/v1/admin/notification-templates',
      payload: {
        kind: 'acceptance',
        language: 'en',
        channel: 'sms',
        subject: '',
        body: 'Report {reportNo} accepted.',
      },
    }),
    allowed: 200,
  },
];
