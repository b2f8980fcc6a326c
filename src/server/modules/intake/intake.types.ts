import type { TLanguage } from '../../platform/http/language.js';
import type { TPriority } from '../categories/category.tables.js';
import type { TPreparedEvidence } from '../evidence/evidence.service.js';
import type { TReporterIdentity } from '../reporters/identity.js';
import type { TChannel } from './report.tables.js';

/** What every channel adapter (web, e-mail, hotline, partner) translates its input into. */
export interface IntakeInput {
  channel: TChannel;
  category: string;
  description: string;
  answers: Record<string, unknown>;
  occurredAt?: Date | undefined;
  regionCode?: string | undefined;
  targets: string[];
  /** Absent: anonymous. */
  reporter?: TReporterIdentity | undefined;
  /** The reporter agreed to be contacted about progress (stored as a plain flag, not part of the identity). */
  contactConsent?: boolean | undefined;
  language: TLanguage;
  /** Files already sniffed, cleaned and stored (`evidence.store`/`ingest`); their rows join the intake write. */
  evidence?: TPreparedEvidence[] | undefined;
  /** A client's `Idempotency-Key`: the same key never creates a second report (see idempotency.ts). */
  idempotencyKey?: string | undefined;
  /** At least this priority (a trusted flagger's priority lane, partner channel). */
  minimumPriority?: TPriority | undefined;
}

/** What every channel acknowledges with. */
export interface IntakeResult {
  reportId: string;
  reportNo: string;
  /** 16 digits; given to the reporter once and never stored. */
  receiptCode: string;
  caseNo: string;
  status: 'received';
}
