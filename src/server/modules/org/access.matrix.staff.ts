import { type TMatrixRow, userRoute } from './access.matrix.types.js';

/**
 * Rows of the access matrix (see `access.matrix.ts`): platform and public routes, staff sign-in and the own
 * account, staff administration.
 */
export const STAFF_ROUTES: TMatrixRow[] = [
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
];
