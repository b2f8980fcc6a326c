import { z } from 'zod';
import { PERMISSIONS, ROLES } from './access.policy.js';

export const ZRole = z.enum(ROLES);
export const ZUsername = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'field.username_invalid');

export const ZLogin = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});
export const ZLoginResult = z.object({
  mfaRequired: z.boolean(),
  enrolmentRequired: z.boolean(),
  csrfToken: z.string(),
});
export const ZTotpCode = z.strictObject({ code: z.string().trim().min(6).max(32) });
export const ZCsrfToken = z.object({ csrfToken: z.string() });
export const ZTotpSetup = z.object({ secret: z.string(), otpauthUri: z.string() });
export const ZTotpConfirmed = z.object({ recoveryCodes: z.array(z.string()), csrfToken: z.string() });
export const ZPasswordChange = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export const ZSignedOut = z.object({ sessionsEnded: z.number().int() });

export const ZStaffView = z
  .object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    departmentId: z.uuid(),
    departmentCode: z.string(),
    roles: z.array(ZRole),
    disabled: z.boolean(),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'StaffUser' });

export const ZMe = z.object({
  id: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  departmentId: z.uuid(),
  departmentCode: z.string(),
  departmentPath: z.string(),
  roles: z.array(ZRole),
  permissions: z.array(z.enum(PERMISSIONS)),
  stage: z.enum(['mfa', 'enrol', 'full']),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
});

export const ZStaffCreate = z.strictObject({
  username: ZUsername,
  displayName: z.string().trim().min(1).max(100).optional(),
  departmentCode: z.string().trim().min(1).max(32),
  roles: z.array(ZRole).min(1).max(ROLES.length),
  password: z.string().max(256).optional(),
});
export const ZStaffCreated = z.object({ user: ZStaffView, initialPassword: z.string().optional() });
export const ZStaffDetail = ZStaffView.extend({ unusedRecoveryCodes: z.number().int() });
export const ZStaffList = z.object({ users: z.array(ZStaffView) });
export const ZStaffId = z.strictObject({ id: z.uuid() });
export const ZRolesChange = z.strictObject({ roles: z.array(ZRole).max(ROLES.length) });
export const ZPasswordReset = z.object({ user: ZStaffView, password: z.string() });
