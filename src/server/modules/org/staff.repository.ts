import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import { departments } from './department.tables.js';
import { staffLoginThrottle, staffRecoveryCodes, staffUsers } from './staff.tables.js';

export type TStaffRow = typeof staffUsers.$inferSelect;
export type TNewStaffRow = typeof staffUsers.$inferInsert;

/** A staff row with its department's path and code. */
export type TStaffWithDepartment = TStaffRow & { departmentPath: string; departmentCode: string };

const withDepartment = {
  user: staffUsers,
  departmentPath: departments.path,
  departmentCode: departments.code,
};

function flatten(row: {
  user: TStaffRow;
  departmentPath: string;
  departmentCode: string;
}): TStaffWithDepartment {
  return { ...row.user, departmentPath: row.departmentPath, departmentCode: row.departmentCode };
}

export async function insertStaff(db: DbOrTx, row: TNewStaffRow): Promise<TStaffRow | undefined> {
  const [inserted] = await db
    .insert(staffUsers)
    .values(row)
    .onConflictDoNothing({ target: staffUsers.username })
    .returning();
  return inserted;
}

export async function findStaffById(db: DbOrTx, id: string): Promise<TStaffWithDepartment | undefined> {
  const [row] = await db
    .select(withDepartment)
    .from(staffUsers)
    .innerJoin(departments, eq(departments.id, staffUsers.departmentId))
    .where(eq(staffUsers.id, id));
  return row && flatten(row);
}

export async function findStaffByUsername(
  db: DbOrTx,
  username: string,
): Promise<TStaffWithDepartment | undefined> {
  const [row] = await db
    .select(withDepartment)
    .from(staffUsers)
    .innerJoin(departments, eq(departments.id, staffUsers.departmentId))
    .where(eq(staffUsers.username, username));
  return row && flatten(row);
}

/** Staff whose department lies in the subtree at `path`. */
export async function listStaffUnder(db: DbOrTx, path: string): Promise<TStaffWithDepartment[]> {
  const rows = await db
    .select(withDepartment)
    .from(staffUsers)
    .innerJoin(departments, eq(departments.id, staffUsers.departmentId))
    .where(sql`${departments.path} <@ ${path}::ltree`)
    .orderBy(asc(departments.path), asc(staffUsers.username));
  return rows.map(flatten);
}

export async function updateStaff(db: DbOrTx, id: string, set: Partial<TNewStaffRow>): Promise<void> {
  await db.update(staffUsers).set(set).where(eq(staffUsers.id, id));
}

/** Records an accepted TOTP step unless an equal or later one was accepted already (no replay). */
export async function claimTotpStep(db: DbOrTx, id: string, step: number): Promise<boolean> {
  const rows = await db
    .update(staffUsers)
    .set({ totpLastStep: step })
    .where(
      and(
        eq(staffUsers.id, id),
        sql`(${staffUsers.totpLastStep} IS NULL OR ${staffUsers.totpLastStep} < ${step})`,
      ),
    )
    .returning({ id: staffUsers.id });
  return rows.length === 1;
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: string, hashes: Buffer[]): Promise<void> {
  await db.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, userId));
  if (hashes.length) {
    await db.insert(staffRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
  }
}

/** Marks an unused recovery code used; false when it does not exist or was used already. */
export async function redeemRecoveryCode(db: DbOrTx, userId: string, codeHash: Buffer): Promise<boolean> {
  const rows = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(staffRecoveryCodes.userId, userId),
        eq(staffRecoveryCodes.codeHash, codeHash),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
    .returning({ userId: staffRecoveryCodes.userId });
  return rows.length === 1;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** Seconds a throttle key stays locked (0 when not locked). */
export async function lockedSeconds(db: DbOrTx, key: Buffer): Promise<number> {
  const [row] = await db
    .select({
      seconds: sql<number>`ceil(extract(epoch FROM (${staffLoginThrottle.lockedUntil} - now())))::int`,
    })
    .from(staffLoginThrottle)
    .where(and(eq(staffLoginThrottle.key, key), sql`${staffLoginThrottle.lockedUntil} > now()`));
  return Math.max(0, row?.seconds ?? 0);
}

/**
 * Counts one failure atomically. Reaching `threshold` failures locks the key for
 * min(baseSeconds · 2^lockLevel, capSeconds) and starts counting again. Returns the lock's seconds (0: none).
 */
export async function recordFailure(
  db: DbOrTx,
  key: Buffer,
  threshold: number,
  baseSeconds: number,
  capSeconds: number,
): Promise<number> {
  const result = await db.execute<{ locked: number }>(sql`
    INSERT INTO staff_login_throttle AS t (key, failures, lock_level, locked_until, updated_at)
    VALUES (${key}, 1, 0, NULL, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE WHEN t.failures + 1 >= ${threshold} THEN 0 ELSE t.failures + 1 END,
      lock_level = CASE WHEN t.failures + 1 >= ${threshold} THEN t.lock_level + 1 ELSE t.lock_level END,
      locked_until = CASE WHEN t.failures + 1 >= ${threshold}
        THEN now() + make_interval(secs => least(${baseSeconds}::float8 * power(2, t.lock_level), ${capSeconds}))
        ELSE t.locked_until END,
      updated_at = now()
    RETURNING CASE WHEN t.locked_until > now() AND t.failures = 0
      THEN ceil(extract(epoch FROM (t.locked_until - now())))::int ELSE 0 END AS locked`);
  return result.rows[0]?.locked ?? 0;
}

export async function clearFailures(db: DbOrTx, key: Buffer): Promise<void> {
  await db.delete(staffLoginThrottle).where(eq(staffLoginThrottle.key, key));
}

/** Display names of staff accounts, by id (for timelines: who did what). */
export async function displayNamesOf(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await db.execute<{ id: string; display_name: string }>(
    sql`SELECT id, display_name FROM staff_users WHERE id = ANY(${sql.param(ids)}::uuid[])`,
  );
  return new Map(result.rows.map((r) => [r.id, r.display_name]));
}
