import type { TLanguage } from '../../platform/http/language.js';
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
  language: TLanguage;
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
