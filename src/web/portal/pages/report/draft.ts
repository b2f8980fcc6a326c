/** The report being written, kept in session storage (this tab only, never the server) until it is sent. */

export const TARGET_TYPES = ['url', 'phone', 'account', 'app', 'payment'] as const;
export type TTargetType = (typeof TARGET_TYPES)[number];

export interface TReporterDraft {
  name: string;
  phone: string;
  email: string;
  idNumber: string;
  address: string;
}

export interface TDraft {
  /** Sent as Idempotency-Key: every retry of this report carries the same one. */
  idempotencyKey: string;
  step: number;
  category: string;
  description: string;
  /** `YYYY-MM-DDTHH:mm` local time from <input type="datetime-local">, or ''. */
  occurredAt: string;
  province: string;
  city: string;
  targets: { type: TTargetType; value: string }[];
  answers: Record<string, unknown>;
  anonymous: boolean;
  reporter: TReporterDraft;
  consent: boolean;
  pledge: boolean;
}

const KEY = 'qinglang.report.draft';

/** A random key (randomUUID needs a secure context; plain-HTTP deployments fall back to getRandomValues). */
function randomKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

export function newDraft(): TDraft {
  return {
    idempotencyKey: randomKey(),
    step: 0,
    category: '',
    description: '',
    occurredAt: '',
    province: '',
    city: '',
    targets: [{ type: 'url', value: '' }],
    answers: {},
    anonymous: true,
    reporter: { name: '', phone: '', email: '', idNumber: '', address: '' },
    consent: false,
    pledge: false,
  };
}

export function loadDraft(): TDraft {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (raw) return { ...newDraft(), ...(JSON.parse(raw) as Partial<TDraft>) };
  } catch {
    // unreadable: start again
  }
  return newDraft();
}

export function saveDraft(draft: TDraft): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // storage full or disabled: the form still works, it just does not survive a reload
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // ignore
  }
}

const isBlank = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The POST /api/v1/reports body for a draft. */
export function reportBody(draft: TDraft): Record<string, unknown> {
  const answers = Object.fromEntries(Object.entries(draft.answers).filter(([, v]) => !isBlank(v)));
  const body: Record<string, unknown> = {
    category: draft.category,
    description: draft.description.trim(),
    answers,
    targets: draft.targets.map((t) => t.value.trim()).filter(Boolean),
    truthfulnessPledge: draft.pledge,
  };
  if (draft.occurredAt) {
    const at = new Date(draft.occurredAt);
    if (!Number.isNaN(at.getTime())) body.occurredAt = at.toISOString();
  }
  const region = draft.city || draft.province;
  if (region) body.regionCode = region;
  if (!draft.anonymous) {
    const reporter = Object.fromEntries(
      Object.entries(draft.reporter)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v !== ''),
    );
    if (Object.keys(reporter).length > 0) body.reporter = { ...reporter, contactConsent: draft.consent };
  }
  return body;
}

/** Which step holds the field at an error path from the server. */
export function stepOfPath(path: string): number {
  const head = path.split('.')[0] ?? '';
  if (head === 'category') return 0;
  if (['description', 'occurredAt', 'regionCode', 'targets', 'answers'].includes(head)) return 1;
  if (head === 'file' || head === 'evidence') return 2;
  if (head === 'reporter') return 3;
  return 4;
}
