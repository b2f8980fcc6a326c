import type { Db, DbOrTx } from '../../platform/db/pool.js';
import type { TLanguage } from '../../platform/http/language.js';
import { isMessageKey, translate } from '../../platform/i18n/translate.js';
import { enqueueJob } from '../../platform/jobs/jobs.js';
import type { Mailer } from '../../platform/mail/mailer.js';
import type { DepartmentService } from '../org/department.service.js';
import {
  countUnread,
  findPreferences,
  insertNotifications,
  listNotifications,
  markEmailed,
  markRead,
  staffWithRole,
  type TNewNotification,
  type TPreferences,
  takeUnemailed,
  upsertPreferences,
} from './notification.repository.js';

/** The text of a staff notification in a language (kinds are message keys `notice.<kind>`). */
export function noticeText(lang: TLanguage, kind: string, params: Record<string, string>): string {
  const key = `notice.${kind}`;
  const stageKey = `stage.${params.stage ?? ''}`;
  const filled = { ...params, ...(isMessageKey(stageKey) ? { stage: translate(lang, stageKey) } : {}) };
  return isMessageKey(key) ? translate(lang, key, filled) : kind;
}

/** Staff notifications: in the console (list, unread count) and by e-mail, immediately or as a digest. */
export function createNotificationService(deps: { db: Db; mailer: Mailer; departments: DepartmentService }) {
  const { db } = deps;

  return {
    /** Notifies staff in the caller's transaction, once per dedup key; queues immediate e-mails with it. */
    async notify(tx: DbOrTx, n: TNewNotification): Promise<number> {
      const rows = await insertNotifications(tx, n);
      for (const r of rows.filter((x) => x.emailMode === 'immediate')) {
        await enqueueJob(tx, 'notify_staff_email', { id: r.id }, { jobKey: `staff_email:${r.id}` });
      }
      return rows.length;
    },

    /** The department's supervisors; when it has none, those of the nearest department above that has. */
    async supervisorsOf(tx: DbOrTx, departmentId: string): Promise<string[]> {
      const tree = await deps.departments.all();
      let current = tree.find((d) => d.id === departmentId);
      while (current) {
        const found = await staffWithRole(tx, current.id, 'supervisor');
        if (found.length) return found;
        const parentId = current.parentId;
        current = parentId ? tree.find((d) => d.id === parentId) : undefined;
      }
      return [];
    },

    async list(
      staffId: string,
      lang: TLanguage,
      options: { unreadOnly: boolean; before?: number; limit: number },
    ) {
      const [items, unread] = await Promise.all([
        listNotifications(db, staffId, { ...options, beforeId: options.before }),
        countUnread(db, staffId),
      ]);
      return { items: items.map((i) => ({ ...i, text: noticeText(lang, i.kind, i.params) })), unread };
    },

    unreadCount: (staffId: string) => countUnread(db, staffId),
    markRead: (staffId: string, ids: number[] | 'all') => markRead(db, staffId, ids),
    preferences: (staffId: string) => findPreferences(db, staffId),
    setPreferences: (staffId: string, p: TPreferences) => upsertPreferences(db, staffId, p),

    /** Job: e-mails one notification (immediate mode). */
    async sendImmediate(id: number): Promise<boolean> {
      return db.transaction(async (tx) => {
        const [n] = await takeUnemailed(tx, { id });
        if (!n) return false;
        const text = noticeText(n.language, n.kind, n.params);
        await deps.mailer.send({ to: n.email, subject: text.slice(0, 120), text });
        await markEmailed(tx, [n.id]);
        return true;
      });
    },

    /** Job: one digest e-mail per staff member in digest mode with unread, un-e-mailed notifications. */
    async sendDigests(): Promise<number> {
      return db.transaction(async (tx) => {
        const rows = await takeUnemailed(tx, { mode: 'digest' });
        const byStaff = new Map<string, typeof rows>();
        for (const r of rows) byStaff.set(r.staffId, [...(byStaff.get(r.staffId) ?? []), r]);
        for (const items of byStaff.values()) {
          const first = items[0];
          if (!first) continue;
          const lines = items.map((i) => `- ${noticeText(first.language, i.kind, i.params)}`);
          await deps.mailer.send({
            to: first.email,
            subject: translate(first.language, 'notice.digest_subject', { count: items.length }),
            text: lines.join('\n'),
          });
          await markEmailed(
            tx,
            items.map((i) => i.id),
          );
        }
        return byStaff.size;
      });
    },
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
