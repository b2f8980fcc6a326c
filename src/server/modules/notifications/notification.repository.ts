import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/pool.js';
import type { TEmailMode } from './notification.tables.js';

export interface TNewNotification {
  staffIds: string[];
  kind: string;
  caseId: string | null;
  params: Record<string, string>;
  dedupKey: string;
}

/** Inserts one notification per staff member unless that one already exists; returns the new rows. */
export async function insertNotifications(
  tx: DbOrTx,
  n: TNewNotification,
): Promise<{ id: number; staffId: string; emailMode: TEmailMode }[]> {
  if (n.staffIds.length === 0) return [];
  const result = await tx.execute<{ id: number; staffId: string; emailMode: TEmailMode }>(sql`
    WITH ins AS (
      INSERT INTO staff_notifications (staff_id, kind, case_id, params, dedup_key)
      SELECT s, ${n.kind}, ${n.caseId}::uuid, ${JSON.stringify(n.params)}::jsonb, ${n.dedupKey}
        FROM unnest(${sql.param(n.staffIds)}::uuid[]) AS s
      ON CONFLICT DO NOTHING RETURNING id, staff_id)
    SELECT ins.id, ins.staff_id AS "staffId", COALESCE(p.email_mode, 'off') AS "emailMode"
      FROM ins LEFT JOIN notification_preferences p ON p.staff_id = ins.staff_id`);
  return result.rows;
}

/** Active staff of the department holding a role (e.g. its supervisors). */
export async function staffWithRole(db: DbOrTx, departmentId: string, role: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`SELECT id FROM staff_users
    WHERE department_id = ${departmentId} AND ${role} = ANY(roles) AND disabled_at IS NULL ORDER BY id`);
  return result.rows.map((r) => r.id);
}

export interface TNotificationRow {
  id: number;
  kind: string;
  caseId: string | null;
  params: Record<string, string>;
  createdAt: Date;
  readAt: Date | null;
}

export async function listNotifications(
  db: DbOrTx,
  staffId: string,
  options: { unreadOnly: boolean; beforeId?: number | undefined; limit: number },
): Promise<TNotificationRow[]> {
  const result = await db.execute<TNotificationRow & Record<string, unknown>>(sql`
    SELECT id, kind, case_id AS "caseId", params, created_at AS "createdAt", read_at AS "readAt"
      FROM staff_notifications
     WHERE staff_id = ${staffId} ${options.unreadOnly ? sql`AND read_at IS NULL` : sql``}
       ${options.beforeId ? sql`AND id < ${options.beforeId}` : sql``}
     ORDER BY id DESC LIMIT ${options.limit}`);
  return result.rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    readAt: r.readAt ? new Date(r.readAt) : null,
  }));
}

export async function countUnread(db: DbOrTx, staffId: string): Promise<number> {
  const result = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM staff_notifications WHERE staff_id = ${staffId} AND read_at IS NULL`,
  );
  return result.rows[0]?.n ?? 0;
}

export async function markRead(db: DbOrTx, staffId: string, ids: number[] | 'all'): Promise<number> {
  const result = await db.execute(sql`UPDATE staff_notifications SET read_at = now()
    WHERE staff_id = ${staffId} AND read_at IS NULL
      ${ids === 'all' ? sql`` : sql`AND id = ANY(${sql.param(ids)}::bigint[])`}`);
  return result.rowCount ?? 0;
}

export interface TPreferences {
  email: string | null;
  emailMode: TEmailMode;
  language: 'zh-CN' | 'en';
}

export async function findPreferences(db: DbOrTx, staffId: string): Promise<TPreferences> {
  const result = await db.execute<TPreferences & Record<string, unknown>>(sql`
    SELECT email, email_mode AS "emailMode", language FROM notification_preferences WHERE staff_id = ${staffId}`);
  return result.rows[0] ?? { email: null, emailMode: 'off', language: 'zh-CN' };
}

export async function upsertPreferences(db: DbOrTx, staffId: string, p: TPreferences): Promise<void> {
  await db.execute(sql`INSERT INTO notification_preferences (staff_id, email, email_mode, language)
    VALUES (${staffId}, ${p.email}, ${p.emailMode}, ${p.language})
    ON CONFLICT (staff_id) DO UPDATE SET email = EXCLUDED.email, email_mode = EXCLUDED.email_mode,
      language = EXCLUDED.language, updated_at = now()`);
}

/** Notifications not yet e-mailed to staff in the given mode (locked; the caller marks them sent). */
export async function takeUnemailed(
  tx: DbOrTx,
  filter: { id: number } | { mode: 'digest' },
): Promise<(TNotificationRow & { staffId: string; email: string; language: 'zh-CN' | 'en' })[]> {
  const result = await tx.execute<
    TNotificationRow & { staffId: string; email: string; language: 'zh-CN' | 'en' } & Record<string, unknown>
  >(sql`
    SELECT n.id, n.kind, n.case_id AS "caseId", n.params, n.created_at AS "createdAt", n.read_at AS "readAt",
           n.staff_id AS "staffId", p.email, p.language
      FROM staff_notifications n JOIN notification_preferences p ON p.staff_id = n.staff_id
     WHERE n.emailed_at IS NULL AND p.email IS NOT NULL
       AND ${'id' in filter ? sql`n.id = ${filter.id}` : sql`p.email_mode = 'digest' AND n.read_at IS NULL`}
     ORDER BY n.staff_id, n.id
     FOR UPDATE OF n SKIP LOCKED`);
  return result.rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt), readAt: null }));
}

export async function markEmailed(tx: DbOrTx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(
    sql`UPDATE staff_notifications SET emailed_at = now() WHERE id = ANY(${sql.param(ids)}::bigint[])`,
  );
}
