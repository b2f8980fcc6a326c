import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DerivedKeys } from '../../platform/crypto/keys.js';

const TOKEN = /\br([0-9a-f]{32})([0-9a-f]{16})\b/i;

/**
 * The per-report token of the e-mail channel (`r` + report id hex + 16 hex of HMAC): in the acknowledgement's
 * Reply-To (`report+TOKEN@…`) and subject, so a reply finds its report; and the acknowledgement's own
 * Message-ID, derived from the report so a resent acknowledgement is recognisably the same message.
 */
export function createThreadTokens(keys: DerivedKeys) {
  const tag = (value: string, length: number) =>
    createHmac('sha256', keys.get('channel-token')).update(value).digest('hex').slice(0, length);
  const hexOf = (reportId: string) => reportId.replace(/-/g, '').toLowerCase();
  return {
    tokenFor(reportId: string): string {
      const hex = hexOf(reportId);
      return `r${hex}${tag(`email-thread:${hex}`, 16)}`;
    },
    /** The report id a valid token in `text` names, else undefined. */
    reportOfToken(text: string): string | undefined {
      const m = TOKEN.exec(text);
      if (!m?.[1] || !m[2]) return undefined;
      const hex = m[1].toLowerCase();
      const expected = Buffer.from(tag(`email-thread:${hex}`, 16));
      if (!timingSafeEqual(expected, Buffer.from(m[2].toLowerCase()))) return undefined;
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
    /** The acknowledgement's Message-ID (no report id in it). */
    ackMessageId(reportId: string, domain: string): string {
      return `<ack.${tag(`email-ack:${hexOf(reportId)}`, 32)}@${domain}>`;
    },
  };
}

export type ThreadTokens = ReturnType<typeof createThreadTokens>;
