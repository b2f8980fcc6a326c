import { recordAudit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/pool.js';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import { translate } from '../../platform/i18n/translate.js';
import type { SessionService } from '../../platform/sessions/session.service.js';
import { assertVisible, can, inScope, type TActor, type TRole } from './access.policy.js';
import { toActor } from './auth.service.js';
import type { DepartmentService } from './department.service.js';
import { assertPasswordAcceptable, generatePassword, hashPassword } from './password.js';
import {
  countUnusedRecoveryCodes,
  displayNamesOf,
  findStaffById,
  insertStaff,
  listStaffUnder,
  replaceRecoveryCodes,
  type TStaffWithDepartment,
  updateStaff,
} from './staff.repository.js';

export interface TStaffView {
  id: string;
  username: string;
  displayName: string;
  departmentId: string;
  departmentCode: string;
  roles: TRole[];
  disabled: boolean;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export function staffView(user: TStaffWithDepartment): TStaffView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    departmentCode: user.departmentCode,
    roles: user.roles as TRole[],
    disabled: user.disabledAt !== null,
    totpEnabled: user.totpEnabledAt !== null,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
  };
}

export interface TCreateStaffInput {
  username: string;
  displayName?: string | undefined;
  departmentCode: string;
  roles: TRole[];
  password?: string | undefined;
}

/** Staff administration: every operation is bounded by the acting administrator's subtree. */
export function createStaffService(deps: {
  db: Db;
  sessions: SessionService;
  departments: DepartmentService;
}) {
  const { db, sessions, departments } = deps;

  /** A user the actor may manage, or 404 `staff_not_found` (also for users outside the actor's scope). */
  async function manageable(actor: TActor, id: string): Promise<TStaffWithDepartment> {
    const user = await findStaffById(db, id);
    return assertVisible(actor, 'user.manage', user, (u) => u.departmentPath, 'staff_not_found');
  }

  function notSelf(actor: TActor, user: TStaffWithDepartment): void {
    if (actor.id === user.id) throw new AppError('cannot_modify_self', 409);
  }

  function audited(actor: TActor, action: string, user: TStaffWithDepartment, payload = {}) {
    return {
      actorType: 'staff' as const,
      actorId: actor.id,
      action,
      subjectType: 'staff_user',
      subjectId: user.id,
      payload,
    };
  }

  return {
    /**
     * Creates an account. `actor` null means the command line (the first administrator). Returns the initial
     * password once when one was generated.
     */
    async create(actor: TActor | null, input: TCreateStaffInput, lang: TLanguage) {
      const username = input.username.trim().toLowerCase();
      const department = (await departments.all()).find((d) => d.code === input.departmentCode);
      if (!department || (actor && !inScope(actor, department.path))) {
        const fields = [{ path: 'departmentCode', message: translate(lang, 'field.department_unknown') }];
        throw new AppError('validation_failed', 400, {}, fields);
      }
      if (input.password !== undefined) assertPasswordAcceptable(input.password, username, lang);
      const initialPassword = input.password === undefined ? generatePassword() : undefined;
      const passwordHash = await hashPassword(input.password ?? initialPassword ?? '');
      const roles = [...new Set(input.roles)];
      const id = await db.transaction(async (tx) => {
        const row = await insertStaff(tx, {
          username,
          displayName: input.displayName?.trim() || username,
          departmentId: department.id,
          roles,
          passwordHash,
          mustChangePassword: initialPassword !== undefined,
        });
        if (!row) throw new AppError('username_taken', 409, { username });
        await recordAudit(tx, {
          actorType: actor ? 'staff' : 'system',
          actorId: actor?.id ?? null,
          action: 'staff.created',
          subjectType: 'staff_user',
          subjectId: row.id,
          payload: { username, roles, departmentCode: department.code },
        });
        return row.id;
      });
      const user = await findStaffById(db, id);
      if (!user) throw new Error('created user vanished');
      return { user: staffView(user), ...(initialPassword ? { initialPassword } : {}) };
    },

    /** The signed-in user's own account. */
    /** An active staff member as an actor (for checks such as "may this person handle that case?"). */
    async actorById(id: string): Promise<TActor | undefined> {
      const user = /^[0-9a-f-]{36}$/i.test(id) ? await findStaffById(db, id) : undefined;
      return user && !user.disabledAt ? toActor(user) : undefined;
    },

    /** Display names by id, for showing who did what on a timeline (only ids that look like account ids). */
    async displayNames(ids: string[]): Promise<Record<string, string>> {
      const valid = [...new Set(ids)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
      return Object.fromEntries(await displayNamesOf(db, valid));
    },

    async self(id: string): Promise<TStaffView> {
      const user = await findStaffById(db, id);
      if (!user) throw new AppError('unauthenticated', 401);
      return staffView(user);
    },

    /**
     * Who the actor may assign a case at `casePath` to: active staff in the actor's subtree who hold
     * `case.handle` and whose own scope covers the case (the same rule POST /cases/:id/assign checks).
     */
    async assignableFor(actor: TActor, casePath: string): Promise<{ id: string; displayName: string }[]> {
      return (await listStaffUnder(db, actor.departmentPath))
        .filter((u) => !u.disabledAt)
        .map(toActor)
        .filter((a) => can(a, 'case.handle', casePath))
        .map((a) => ({ id: a.id, displayName: a.displayName }));
    },

    async list(actor: TActor): Promise<TStaffView[]> {
      return (await listStaffUnder(db, actor.departmentPath)).map(staffView);
    },

    async get(actor: TActor, id: string): Promise<TStaffView & { unusedRecoveryCodes: number }> {
      const user = await manageable(actor, id);
      return { ...staffView(user), unusedRecoveryCodes: await countUnusedRecoveryCodes(db, user.id) };
    },

    async setDisabled(actor: TActor, id: string, disabled: boolean): Promise<TStaffView> {
      const user = await manageable(actor, id);
      notSelf(actor, user);
      await db.transaction(async (tx) => {
        await updateStaff(tx, user.id, { disabledAt: disabled ? new Date() : null });
        await recordAudit(tx, audited(actor, disabled ? 'staff.disabled' : 'staff.enabled', user));
      });
      if (disabled) await sessions.revokeAll('staff', user.id);
      return staffView({ ...user, disabledAt: disabled ? new Date() : null });
    },

    async setRoles(actor: TActor, id: string, roles: TRole[]): Promise<TStaffView> {
      const user = await manageable(actor, id);
      notSelf(actor, user);
      const next = [...new Set(roles)];
      await db.transaction(async (tx) => {
        await updateStaff(tx, user.id, { roles: next });
        await recordAudit(tx, audited(actor, 'staff.roles_changed', user, { from: user.roles, to: next }));
      });
      return staffView({ ...user, roles: next });
    },

    /** Removes the user's TOTP and recovery codes; they enrol again at their next sign-in. */
    async resetTotp(actor: TActor, id: string): Promise<TStaffView> {
      const user = await manageable(actor, id);
      const cleared = {
        totpKeyId: null,
        totpWrappedKey: null,
        totpSealed: null,
        totpEnabledAt: null,
        totpLastStep: null,
      };
      await db.transaction(async (tx) => {
        await updateStaff(tx, user.id, cleared);
        await replaceRecoveryCodes(tx, user.id, []);
        await recordAudit(tx, audited(actor, 'staff.totp_reset', user));
      });
      await sessions.revokeAll('staff', user.id);
      return staffView({ ...user, ...cleared });
    },

    /** Sets a generated password (returned once); the user must change it; their sessions end. */
    async resetPassword(actor: TActor, id: string): Promise<{ user: TStaffView; password: string }> {
      const user = await manageable(actor, id);
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await updateStaff(tx, user.id, {
          passwordHash,
          mustChangePassword: true,
          passwordChangedAt: new Date(),
        });
        await recordAudit(tx, audited(actor, 'staff.password_reset', user));
      });
      await sessions.revokeAll('staff', user.id);
      return { user: staffView({ ...user, mustChangePassword: true }), password };
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
