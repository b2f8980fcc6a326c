/** The shapes the console reads from the staff API (see the server's zod schemas). */

export type TStage = 'mfa' | 'enrol' | 'full';

export interface TMe {
  id: string;
  username: string;
  displayName: string;
  departmentCode: string;
  departmentPath: string;
  roles: string[];
  permissions: string[];
  stage: TStage;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface TDepartmentRef {
  code: string;
  nameZh: string;
  nameEn: string;
}

export interface TCaseListItem {
  id: string;
  caseNo: string;
  state: string;
  categoryCode: string;
  priority: string;
  department: TDepartmentRef;
  assigneeId: string | null;
  openedAt: string;
  updatedAt: string;
  reportCount: number;
  highlight: string | null;
  readOnly: boolean;
  nextDueAt: string | null;
  nextStage: string | null;
  overdue: boolean;
}

export interface TMaskedReporter {
  name?: string;
  phone?: string;
  email?: string;
  idNumber?: string;
  address?: string;
}

export interface TCaseReport {
  id: string;
  reportNo: string;
  channel: string;
  categoryCode: string;
  description: string;
  answers: Record<string, unknown>;
  targets: string[];
  occurredAt: string | null;
  regionCode: string | null;
  hasIdentity: boolean;
  /** Reports by the same real-name reporter in the last 24 hours. */
  sameReporterToday: number;
  /** What the reporter added later through the receipt session. */
  supplements: { details: string | null; answers: Record<string, unknown> | null; at: string }[];
  reporter: TMaskedReporter | null;
  language: string;
  submittedAt: string;
}

export interface TTimelineItem {
  kind: 'event' | 'note';
  id: number;
  type: string;
  actorType: string;
  actorId: string | null;
  payload: Record<string, unknown>;
  public: boolean;
  at: string;
}

export interface TMessage {
  id: string;
  reportId: string;
  direction: 'to_handler' | 'to_reporter';
  authorType: string;
  authorId: string | null;
  body: string;
  at: string;
}

export interface TCaseDetail {
  id: string;
  /** Display names of the staff on the timeline, by account id. */
  staffNames?: Record<string, string>;
  caseNo: string;
  state: string;
  outcome: string | null;
  categoryCode: string;
  priority: string;
  department: TDepartmentRef;
  assignee: { id: string; displayName: string } | null;
  readOnly: boolean;
  actions: string[];
  reports: TCaseReport[];
  timeline: TTimelineItem[];
  messages: TMessage[];
}

export interface TDeadline {
  id: number;
  stage: string;
  round: number;
  status: string;
  dueAt: string | null;
  metAt: string | null;
  pausedAt: string | null;
  msLeft: number | null;
  overdue: boolean;
}

export interface TEvidence {
  id: string;
  kind: string;
  mime: string;
  storedBytes: number;
  storedSha256: string;
  width: number | null;
  height: number | null;
  source: string;
  createdAt: string;
}

export interface TCategory {
  code: string;
  name: string;
}

export interface TStaffUser {
  id: string;
  username: string;
  displayName: string;
  departmentCode: string;
  roles: string[];
  disabled: boolean;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface TRevealRequest {
  id: string;
  reportId: string;
  caseId: string;
  requestedBy: string;
  reason: string;
  createdAt: string;
}

export interface TCall {
  id: string;
  source: 'operator' | 'telephony';
  state: 'open' | 'draft' | 'submitted' | 'abandoned';
  line: string;
  callerNumber: string | null;
  operatorId: string | null;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  anonymous: boolean;
  recordingConsent: boolean;
  summary: string | null;
  transcript: string | null;
  recordings: number;
  reportId: string | null;
}

export interface TCallSubmitted {
  reportNo: string;
  caseNo: string;
  receiptCode: string;
  readBack: string;
}

export type TTargetStatus = 'unverified' | 'confirmed_harmful' | 'cleared';

/** One row of the target registry (GET /targets). */
export interface TTarget {
  key: string;
  kind: string;
  normalized: string;
  status: TTargetStatus;
  regionCode: string | null;
  firstSeen: string;
  lastSeen: string | null;
  /** All reports and cases naming the target (global figures). */
  reportCount: number;
  caseCount: number;
  /** The cases the signed-in staff member may see, newest first (at most 50). */
  cases: { id: string; caseNo: string }[];
}

/** A page of the registry; `next` is the cursor (`before`) of the following page. */
export interface TTargetPage {
  items: TTarget[];
  next: string | null;
}

/** One triage rule (GET /triage/rules). */
export interface TTriageRule {
  id: string;
  kind: 'category' | 'priority';
  target: string;
  allOf: string[][];
  noneOf: string[];
  weight: number;
  reasonZh: string;
  reasonEn: string;
  enabled: boolean;
}

/** A rule as GET /triage/rules shows it: when and by whom it was last saved (null: seeded, never saved). */
export interface TTriageRuleView extends TTriageRule {
  updatedAt: string;
  updatedBy: { id: string; displayName: string } | null;
}

/** An API key of a partner organisation (GET /admin/partners); the secret itself is never listed. */
export interface TPartnerKey {
  id: string;
  prefix: string;
  scopes: string[];
  /** Requests per minute. */
  rateLimit: number;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A partner organisation with its reports' precision (GET /admin/partners). */
export interface TPartner {
  id: string;
  code: string;
  name: string;
  trusted: boolean;
  webhookUrl: string | null;
  createdAt: string;
  reports: number;
  decided: number;
  substantiated: number;
  partly: number;
  /** Share of decided reports found substantiated (partly: half); null before any decision. */
  precision: number | null;
  keys: TPartnerKey[];
}

/** POST /admin/partners/:id/keys: the only answer that holds the key itself. */
export interface TPartnerKeyCreated {
  id: string;
  key: string;
  prefix: string;
  scopes: string[];
  rateLimit: number;
}

/** One outcome webhook delivery with its attempts (GET /admin/partners/:id/deliveries). */
export interface TPartnerDelivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  reference: string | null;
  reportNo: string | null;
  caseNo: string | null;
  log: { at: string; statusCode: number | null; error: string | null; durationMs: number }[];
}
