import type { FastifyInstance } from 'fastify';
import type { TPermission } from './access.policy.js';

/**
 * The authorisation matrix: EVERY route of the app, with who may call it. `access.matrix.test.ts` expands it
 * over every role × in scope / out of scope, and fails when the app has a route missing here. A module that
 * adds routes adds rows (and, for routes that take a resource, `outOfScope`).
 */
export interface TMatrixFixtures {
  /** A fresh staff account in the actor's subtree (GZ, under the GD actors). */
  staffInScope(): Promise<string>;
  /** A fresh staff account outside it (ZJ). */
  staffOutOfScope(): Promise<string>;
  /** A new case (state received) in GZ, inside the GD actors' scope; and one in HZ, outside it. */
  caseInScope(): Promise<string>;
  caseOutOfScope(): Promise<string>;
  /** A real-name report of such a case, and one piece of (another report's) evidence. */
  reportInScope(): Promise<string>;
  /** The (first) report of a case. */
  reportOfCase(caseId: string): Promise<string>;
  reportOutOfScope(): Promise<string>;
  evidenceInScope(): Promise<string>;
  evidenceOutOfScope(): Promise<string>;
}

export interface TMatrixRequest {
  url: string;
  payload?: unknown;
}

export interface TMatrixRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as Fastify registered it (`/api/v1/staff/users/:id`). */
  route: string;
  /** public; any signed-in staff (`staff`); staff still enrolling in TOTP too (`enrolment`); or a permission. */
  access: 'public' | 'staff' | 'enrolment' | TPermission;
  /** The request to send for an actor in scope (default: the route itself, no body). */
  request?: (f: TMatrixFixtures) => Promise<TMatrixRequest>;
  /** The same request aimed at a resource outside the actor's scope: must answer 404. */
  outOfScope?: (f: TMatrixFixtures) => Promise<TMatrixRequest>;
  /** Expected status out of scope (default 404: exactly like a resource that does not exist). */
  outOfScopeStatus?: number;
  /** Expected status when allowed. */
  allowed: number;
}

const userRoute = (
  suffix: string,
  method: TMatrixRow['method'],
  allowed = 200,
  payload?: unknown,
): TMatrixRow => ({
  method,
  route: `/api/v1/staff/users/:id${suffix}`,
  access: 'user.manage',
  request: async (f) => ({ url: `/api/v1/staff/users/${await f.staffInScope()}${suffix}`, payload }),
  outOfScope: async (f) => ({ url: `/api/v1/staff/users/${await f.staffOutOfScope()}${suffix}`, payload }),
  allowed,
});

const caseRoute = (
  suffix: string,
  method: TMatrixRow['method'],
  access: TPermission,
  allowed: number,
  payload?: unknown,
): TMatrixRow => ({
  method,
  route: `/api/v1/cases/:id${suffix}`,
  access,
  request: async (f) => ({ url: `/api/v1/cases/${await f.caseInScope()}${suffix}`, payload }),
  outOfScope: async (f) => ({ url: `/api/v1/cases/${await f.caseOutOfScope()}${suffix}`, payload }),
  allowed,
});

export const ACCESS_MATRIX: TMatrixRow[] = [
  // Platform and public routes.
  { method: 'GET', route: '/healthz', access: 'public', allowed: 200 },
  { method: 'GET', route: '/readyz', access: 'public', allowed: 200 },
  { method: 'GET', route: '/metrics', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/openapi.json', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/docs', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/docs/', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/docs/static/index.html', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/docs/static/swagger-initializer.js', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/docs/*', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/docs/json', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/docs/yaml', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/v1/categories', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/v1/pow', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/v1/public/config', access: 'public', allowed: 200 },
  { method: 'POST', route: '/api/v1/reports', access: 'public', allowed: 201 },
  { method: 'POST', route: '/api/v1/receipts/lookup', access: 'public', allowed: 200 },
  { method: 'POST', route: '/api/v1/receipts/session', access: 'public', allowed: 200 },
  { method: 'GET', route: '/api/v1/receipt/report', access: 'public', allowed: 200 },
  { method: 'POST', route: '/api/v1/receipt/messages', access: 'public', allowed: 201 },
  { method: 'POST', route: '/api/v1/receipt/supplements', access: 'public', allowed: 201 },
  { method: 'POST', route: '/api/v1/receipt/evidence', access: 'public', allowed: 201 },
  // Staff sign-in (public by nature) and the signed-in user's own account.
  { method: 'POST', route: '/api/v1/staff/session', access: 'public', allowed: 200 },
  { method: 'POST', route: '/api/v1/staff/session/totp', access: 'public', allowed: 200 },
  { method: 'DELETE', route: '/api/v1/staff/session', access: 'enrolment', allowed: 204 },
  { method: 'GET', route: '/api/v1/staff/me', access: 'enrolment', allowed: 200 },
  { method: 'POST', route: '/api/v1/staff/me/sign-out-everywhere', access: 'staff', allowed: 200 },
  {
    method: 'POST',
    route: '/api/v1/staff/me/password',
    access: 'staff',
    request: async () => ({
      url: '/api/v1/staff/me/password',
      payload: { currentPassword: 'Violet-harbour-lantern-42', newPassword: 'Matrix-changed-passphrase-9' },
    }),
    allowed: 200,
  },
  // Enrolled actors have TOTP already: setup/confirm answer 409 (the guard let them through).
  { method: 'POST', route: '/api/v1/staff/me/totp/setup', access: 'enrolment', allowed: 409 },
  {
    method: 'POST',
    route: '/api/v1/staff/me/totp/confirm',
    access: 'enrolment',
    request: async () => ({ url: '/api/v1/staff/me/totp/confirm', payload: { code: '123456' } }),
    allowed: 409,
  },
  // Staff administration.
  { method: 'GET', route: '/api/v1/staff/users', access: 'user.manage', allowed: 200 },
  {
    method: 'POST',
    route: '/api/v1/staff/users',
    access: 'user.manage',
    request: async () => ({
      url: '/api/v1/staff/users',
      payload: {
        username: `new.${Math.random().toString(36).slice(2, 10)}`,
        departmentCode: 'GZ',
        roles: ['handler'],
      },
    }),
    outOfScope: async () => ({
      url: '/api/v1/staff/users',
      payload: {
        username: `new.${Math.random().toString(36).slice(2, 10)}`,
        departmentCode: 'ZJ',
        roles: ['handler'],
      },
    }),
    outOfScopeStatus: 400,
    allowed: 201,
  },
  userRoute('', 'GET'),
  userRoute('/disable', 'POST'),
  userRoute('/enable', 'POST'),
  userRoute('/roles', 'PUT', 200, { roles: ['handler', 'editor'] }),
  userRoute('/totp/reset', 'POST'),
  userRoute('/password/reset', 'POST'),
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
  // Channels (issue 6). Partner API and telephony webhook: public here (API key / HMAC signature instead of a
  // staff session; their own checks are tested in channels/partner.test.ts and hotline.test.ts).
  { method: 'POST', route: '/api/v1/partner/reports', access: 'public', allowed: 401 },
  { method: 'GET', route: '/api/v1/partner/outcomes', access: 'public', allowed: 401 },
  { method: 'POST', route: '/api/v1/channels/telephony/calls', access: 'public', allowed: 401 },
  { method: 'GET', route: '/api/v1/admin/partners', access: 'partners.manage', allowed: 200 },
  {
    method: 'POST',
    route: '/api/v1/admin/partners',
    access: 'partners.manage',
    request: async () => ({
      url: '/api/v1/admin/partners',
      payload: { code: `m-${Math.random().toString(36).slice(2, 10)}`, name: '矩阵测试机构' },
    }),
    allowed: 201,
  },
  // No such partner: the guard lets the administrator through, then 404.
  {
    method: 'PATCH',
    route: '/api/v1/admin/partners/:id',
    access: 'partners.manage',
    request: async () => ({
      url: '/api/v1/admin/partners/00000000-0000-4000-8000-000000000000',
      payload: { trusted: true },
    }),
    allowed: 404,
  },
  {
    method: 'POST',
    route: '/api/v1/admin/partners/:id/keys',
    access: 'partners.manage',
    request: async () => ({
      url: '/api/v1/admin/partners/00000000-0000-4000-8000-000000000000/keys',
      payload: {},
    }),
    allowed: 404,
  },
  {
    method: 'POST',
    route: '/api/v1/admin/partners/:id/keys/:keyId/revoke',
    access: 'partners.manage',
    request: async () => ({
      url: '/api/v1/admin/partners/00000000-0000-4000-8000-000000000000/keys/00000000-0000-4000-8000-000000000000/revoke',
    }),
    allowed: 404,
  },
  {
    method: 'GET',
    route: '/api/v1/admin/partners/:id/deliveries',
    access: 'partners.manage',
    request: async () => ({ url: '/api/v1/admin/partners/00000000-0000-4000-8000-000000000000/deliveries' }),
    allowed: 404,
  },
  // The hotline operator's API.
  {
    method: 'POST',
    route: '/api/v1/hotline/calls',
    access: 'intake.hotline',
    request: async () => ({
      url: '/api/v1/hotline/calls',
      payload: { line: '12377', callerNumber: '13800138000' },
    }),
    allowed: 201,
  },
  { method: 'GET', route: '/api/v1/hotline/calls', access: 'intake.hotline', allowed: 200 },
  {
    method: 'GET',
    route: '/api/v1/hotline/calls/:id',
    access: 'intake.hotline',
    request: async () => ({ url: '/api/v1/hotline/calls/00000000-0000-4000-8000-000000000000' }),
    allowed: 404,
  },
  {
    method: 'PATCH',
    route: '/api/v1/hotline/calls/:id',
    access: 'intake.hotline',
    request: async () => ({
      url: '/api/v1/hotline/calls/00000000-0000-4000-8000-000000000000',
      payload: { summary: '来电咨询' },
    }),
    allowed: 404,
  },
  // Not multipart: the guard lets the operator through, then 415.
  {
    method: 'POST',
    route: '/api/v1/hotline/calls/:id/recordings',
    access: 'intake.hotline',
    request: async () => ({
      url: '/api/v1/hotline/calls/00000000-0000-4000-8000-000000000000/recordings',
      payload: {},
    }),
    allowed: 415,
  },
  {
    method: 'POST',
    route: '/api/v1/hotline/calls/:id/report',
    access: 'intake.hotline',
    request: async () => ({
      url: '/api/v1/hotline/calls/00000000-0000-4000-8000-000000000000/report',
      payload: { category: 'fraud', description: '来电人反映被冒充客服诈骗，损失三千元。' },
    }),
    allowed: 404,
  },
  // The target registry and the rules behind clustering and triage.
  { method: 'GET', route: '/api/v1/targets', access: 'case.read', allowed: 200 },
  {
    method: 'PUT',
    route: '/api/v1/targets/status',
    access: 'case.assign',
    request: async () => ({
      url: '/api/v1/targets/status',
      payload: { key: 'domain:no-such-target.cn', status: 'cleared' },
    }),
    allowed: 404,
  },
  {
    method: 'PUT',
    route: '/api/v1/targets/location',
    access: 'case.assign',
    request: async () => ({
      url: '/api/v1/targets/location',
      payload: { key: 'domain:no-such-target.cn', regionCode: '440100' },
    }),
    allowed: 404,
  },
  { method: 'GET', route: '/api/v1/targets/lists', access: 'case.read', allowed: 200 },
  {
    method: 'PUT',
    route: '/api/v1/targets/lists/:list',
    access: 'case.assign',
    request: async () => ({ url: '/api/v1/targets/lists/no_such_list', payload: { values: ['x'] } }),
    allowed: 404,
  },
  { method: 'GET', route: '/api/v1/triage/rules', access: 'case.read', allowed: 200 },
  {
    method: 'PUT',
    route: '/api/v1/triage/rules',
    access: 'case.assign',
    request: async () => ({
      url: '/api/v1/triage/rules',
      payload: {
        id: 'matrix.test-rule',
        kind: 'priority',
        target: 'high',
        allOf: [['矩阵测试专用词']],
        weight: 1,
        reasonZh: '测试',
        reasonEn: 'test',
        enabled: false,
      },
    }),
    allowed: 200,
  },
  {
    method: 'DELETE',
    route: '/api/v1/triage/rules/:id',
    access: 'case.assign',
    request: async () => ({ url: '/api/v1/triage/rules/matrix.no-such-rule' }),
    allowed: 404,
  },
  // Merge, split, undo.
  {
    method: 'POST',
    route: '/api/v1/cases/:id/merge',
    access: 'case.handle',
    request: async (f) => ({
      url: `/api/v1/cases/${await f.caseInScope()}/merge`,
      payload: { intoCaseId: await f.caseInScope(), reason: '同一诈骗网站' },
    }),
    outOfScope: async (f) => ({
      url: `/api/v1/cases/${await f.caseOutOfScope()}/merge`,
      payload: { intoCaseId: await f.caseInScope(), reason: '同一诈骗网站' },
    }),
    allowed: 200,
  },
  {
    method: 'POST',
    route: '/api/v1/cases/:id/split',
    access: 'case.handle',
    // A one-report case: the guard and the scope check pass, then 409 (nothing to split off).
    request: async (f) => {
      const id = await f.caseInScope();
      return {
        url: `/api/v1/cases/${id}/split`,
        payload: { reportId: await f.reportOfCase(id), reason: '不同事件' },
      };
    },
    outOfScope: async (f) => {
      const id = await f.caseOutOfScope();
      return {
        url: `/api/v1/cases/${id}/split`,
        payload: { reportId: await f.reportOfCase(id), reason: '不同事件' },
      };
    },
    allowed: 409,
  },
  {
    method: 'POST',
    route: '/api/v1/merges/:id/undo',
    access: 'case.handle',
    request: async () => ({
      url: '/api/v1/merges/00000000-0000-4000-8000-000000000000/undo',
      payload: { reason: '误合并' },
    }),
    allowed: 404,
  },
  // Reporter identity: reveal (reason required), approvals.
  {
    method: 'POST',
    route: '/api/v1/reports/:reportId/reveal',
    access: 'reporter.reveal',
    request: async (f) => ({
      url: `/api/v1/reports/${await f.reportInScope()}/reveal`,
      payload: { reason: '电话回访核实举报内容' },
    }),
    outOfScope: async (f) => ({
      url: `/api/v1/reports/${await f.reportOutOfScope()}/reveal`,
      payload: { reason: '电话回访核实举报内容' },
    }),
    allowed: 200,
  },
  { method: 'GET', route: '/api/v1/reveal-requests', access: 'reveal.approve', allowed: 200 },
  {
    method: 'POST',
    route: '/api/v1/reveal-requests/:id/decision',
    access: 'reveal.approve',
    // No such request: the guard lets the approver through, then 404.
    request: async () => ({
      url: '/api/v1/reveal-requests/00000000-0000-4000-8000-000000000000/decision',
      payload: { approve: true },
    }),
    allowed: 404,
  },
  {
    method: 'POST',
    route: '/api/v1/reveal-requests/:id/reveal',
    access: 'reporter.reveal',
    request: async () => ({ url: '/api/v1/reveal-requests/00000000-0000-4000-8000-000000000000/reveal' }),
    allowed: 404,
  },
  // Evidence, served to staff through the server only.
  {
    method: 'GET',
    route: '/api/v1/staff/reports/:reportId/evidence',
    access: 'case.read',
    request: async (f) => ({ url: `/api/v1/staff/reports/${await f.reportInScope()}/evidence` }),
    outOfScope: async (f) => ({ url: `/api/v1/staff/reports/${await f.reportOutOfScope()}/evidence` }),
    allowed: 200,
  },
  {
    method: 'GET',
    route: '/api/v1/staff/evidence/:evidenceId',
    access: 'case.read',
    request: async (f) => ({ url: `/api/v1/staff/evidence/${await f.evidenceInScope()}` }),
    outOfScope: async (f) => ({ url: `/api/v1/staff/evidence/${await f.evidenceOutOfScope()}` }),
    allowed: 200,
  },
];

/** Every (method, route) the app serves, read from `printRoutes` (HEAD is Fastify's automatic twin of GET). */
export function collectRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + (match[2] ?? '');
    stack[depth] = path;
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim())) {
      if (method && method !== 'HEAD' && method !== 'OPTIONS') routes.push(`${method} ${path}`);
    }
  }
  return routes.sort();
}
