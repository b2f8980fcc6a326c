import type { TMatrixRow } from './access.matrix.types.js';

/**
 * Rows of the access matrix (see `access.matrix.ts`): channels — the partner API, the telephony webhook and the
 * hotline operator's API.
 */
export const CHANNELS_ROUTES: TMatrixRow[] = [
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
];
