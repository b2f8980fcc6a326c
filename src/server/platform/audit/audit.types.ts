export type TAuditActorType = 'staff' | 'reporter' | 'system' | 'partner';

/** One audited action. `payload` must never hold reporter PII. */
export interface TAuditEntry {
  actorType: TAuditActorType;
  actorId?: string | null;
  action: string;
  subjectType?: string | null;
  subjectId?: string | null;
  reason?: string | null;
  payload?: Record<string, unknown>;
}

/** The hashed form of an entry: exactly these fields, canonical JSON, in this shape. */
export function hashedForm(chain: number, at: Date, e: TAuditEntry) {
  return {
    chain,
    at: at.toISOString(),
    actor: { type: e.actorType, id: e.actorId ?? null },
    action: e.action,
    subject: { type: e.subjectType ?? null, id: e.subjectId ?? null },
    reason: e.reason ?? null,
    payload: e.payload ?? {},
  };
}
