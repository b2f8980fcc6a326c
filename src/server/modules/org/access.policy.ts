import { type SQL, sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors.js';

/** Staff roles. An account may hold several; every role acts on the account department's subtree. */
export const ROLES = [
  'intake_operator',
  'handler',
  'supervisor',
  'reward_officer',
  'editor',
  'auditor',
  'admin',
] as const;
export type TRole = (typeof ROLES)[number];

export const PERMISSIONS = [
  'case.read',
  'case.handle',
  'case.assign',
  'case.transfer',
  'reporter.reveal',
  'reveal.approve',
  'reward.manage',
  'content.edit',
  'audit.read',
  'user.manage',
  'intake.hotline',
  'jobs.read',
  'sla.manage',
  'notifications.manage',
  'partners.manage',
] as const;
export type TPermission = (typeof PERMISSIONS)[number];

/** The one permission table. Other modules ask `can(actor, permission, path)`, never about roles. */
export const ROLE_PERMISSIONS: Record<TRole, readonly TPermission[]> = {
  intake_operator: ['intake.hotline', 'case.read'],
  handler: ['case.read', 'case.handle', 'case.transfer', 'reporter.reveal'],
  supervisor: ['case.read', 'case.handle', 'case.assign', 'case.transfer', 'reveal.approve'],
  reward_officer: ['case.read', 'reward.manage'],
  editor: ['content.edit'],
  auditor: ['case.read', 'audit.read'],
  admin: ['user.manage', 'jobs.read', 'sla.manage', 'notifications.manage', 'partners.manage'],
};

/** Roles whose holders must use TOTP before they reach anything but the enrolment endpoints. */
export const TOTP_REQUIRED_ROLES: ReadonlySet<TRole> = new Set([
  'supervisor',
  'reward_officer',
  'auditor',
  'admin',
]);

export function isRole(value: string): value is TRole {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly string[]): TPermission[] {
  const set = new Set<TPermission>();
  for (const role of roles) if (isRole(role)) for (const p of ROLE_PERMISSIONS[role]) set.add(p);
  return PERMISSIONS.filter((p) => set.has(p));
}

export function totpRequired(roles: readonly string[]): boolean {
  return roles.some((r) => isRole(r) && TOTP_REQUIRED_ROLES.has(r));
}

/** A signed-in staff member with completed two-factor authentication, as routes see them. */
export interface TActor {
  id: string;
  username: string;
  displayName: string;
  roles: TRole[];
  departmentId: string;
  /** ltree path of the actor's department, e.g. `cn.gd`. */
  departmentPath: string;
  permissions: TPermission[];
}

/** True when `path` is the actor's department or below it (ltree `path <@ actorPath`). */
export function inScope(actor: Pick<TActor, 'departmentPath'>, path: string): boolean {
  return path === actor.departmentPath || path.startsWith(`${actor.departmentPath}.`);
}

/** May the actor do `permission` to something owned by the department at `departmentPath`? */
export function can(actor: TActor, permission: TPermission, departmentPath?: string): boolean {
  if (!actor.permissions.includes(permission)) return false;
  return departmentPath === undefined || inScope(actor, departmentPath);
}

/**
 * For a resource the actor asked for by id: throws `new AppError(notFoundCode, 404)` when it does not exist
 * OR lies outside the actor's scope (so the answers cannot be told apart), and 403 when it is in scope but
 * the actor lacks the permission.
 */
export function assertVisible<T>(
  actor: TActor,
  permission: TPermission,
  resource: T | undefined | null,
  departmentPathOf: (resource: T) => string,
  notFoundCode = 'not_found',
): T {
  if (resource === undefined || resource === null || !inScope(actor, departmentPathOf(resource))) {
    throw new AppError(notFoundCode, 404);
  }
  if (!can(actor, permission, departmentPathOf(resource))) throw new AppError('forbidden', 403);
  return resource;
}

/**
 * Set-based scope for SQL: a condition true for rows whose department column (a departments.id uuid) lies in
 * the actor's subtree, e.g. `where(and(departmentScopeSql(actor, cases.departmentId), …))`.
 */
export function departmentScopeSql(
  actor: Pick<TActor, 'departmentPath'>,
  departmentIdColumn: SQL | unknown,
): SQL {
  return sql`${departmentIdColumn} IN (SELECT d.id FROM departments d WHERE d.path <@ ${actor.departmentPath}::ltree)`;
}

/** The same scope for a table that carries an ltree path column itself. */
export function departmentPathScopeSql(
  actor: Pick<TActor, 'departmentPath'>,
  pathColumn: SQL | unknown,
): SQL {
  return sql`${pathColumn} <@ ${actor.departmentPath}::ltree`;
}
