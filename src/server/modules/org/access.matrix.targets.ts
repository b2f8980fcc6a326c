import type { TMatrixRow } from './access.matrix.types.js';

/**
 * Rows of the access matrix (see `access.matrix.ts`): the target registry and the clustering and triage rules;
 * merge, split, undo; reporter identity; evidence.
 */
export const TARGETS_ROUTES: TMatrixRow[] = [
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
