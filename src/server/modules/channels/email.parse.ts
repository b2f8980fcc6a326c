import { createHash } from 'node:crypto';
import { type Headers, simpleParser } from 'mailparser';

/** One received mail, parsed: what the e-mail channel needs and nothing more. */
export interface TParsedMail {
  messageId: string | undefined;
  subject: string;
  /** Plain text; HTML-only mails are converted to text (never rendered). */
  text: string;
  /** The From address (lowercase), when it is one well-formed address. */
  from: string | undefined;
  inReplyTo: string[];
  references: string[];
  /** Auto-responder, bounce or bulk mail: never answered (stops mail loops). */
  automatic: boolean;
  /** Attachments; a forwarded original (.eml, message/rfc822) stays byte-for-byte intact. */
  attachments: { filename: string; content: Buffer }[];
}

const MESSAGE_ID = /<[^<>\s]+>/g;
const ADDRESS = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

function ids(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
  return text.match(MESSAGE_ID) ?? [];
}

function header(headers: Headers, name: string): string {
  const v = headers.get(name);
  if (typeof v === 'string') return v.toLowerCase();
  if (v && typeof v === 'object' && 'value' in v)
    return String((v as { value: unknown }).value).toLowerCase();
  return '';
}

/**
 * Mail that must never get an automatic answer (RFC 3834): `Auto-Submitted` other than `no`, `Precedence:
 * bulk|junk|list`, the usual auto-reply markers, or a null envelope sender (bounces, `MAIL FROM:<>`).
 */
export function isAutomatic(headers: Headers, envelopeFrom: string | null): boolean {
  if (envelopeFrom === null || envelopeFrom === '') return true;
  const auto = header(headers, 'auto-submitted');
  if (auto && auto !== 'no') return true;
  if (['bulk', 'junk', 'list'].includes(header(headers, 'precedence'))) return true;
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return true;
  if (/\b(all|oof|autoreply)\b/.test(header(headers, 'x-auto-response-suppress'))) return true;
  if (headers.has('list-id') || headers.has('list-unsubscribe')) return true;
  const from = /^(mailer-daemon|postmaster)@/i;
  return from.test(envelopeFrom);
}

/** Parses raw RFC 5322 bytes. Embedded messages are NOT expanded: an attached .eml is kept as received. */
export async function parseMail(raw: Buffer, envelopeFrom: string | null): Promise<TParsedMail> {
  const parsed = await simpleParser(raw, {
    ignoreEmbedded: true,
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
  } as Parameters<typeof simpleParser>[1]);
  const fromValue = parsed.from?.value[0]?.address?.trim().toLowerCase();
  return {
    messageId: parsed.messageId?.trim() || undefined,
    subject: (parsed.subject ?? '').trim(),
    text: (parsed.text ?? '').replace(/\r\n/g, '\n').trim(),
    from: fromValue && ADDRESS.test(fromValue) && fromValue.length <= 254 ? fromValue : undefined,
    inReplyTo: ids(parsed.inReplyTo),
    references: ids(parsed.references),
    automatic: isAutomatic(parsed.headers, envelopeFrom),
    attachments: parsed.attachments.map((a, i) => ({
      filename: a.filename ?? `attachment-${i + 1}`,
      content: a.content,
    })),
  };
}

/** SHA-256 of a Message-ID (stored instead of the id, which can carry an address). */
export function hashMessageId(id: string): Buffer {
  return createHash('sha256').update(`qinglang:message-id:${id.toLowerCase()}`, 'utf8').digest();
}

/** Removes the quoted earlier message from a reply (lines starting with `>` and what follows "… wrote:"). */
export function stripQuoted(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const [i, line] of lines.entries()) {
    const next = lines[i + 1] ?? '';
    if (/^(On .+wrote:|在.+写道[:：]|-----Original Message-----|-----原始邮件-----)\s*$/.test(line.trim()))
      break;
    if (/^On .+$/.test(line.trim()) && /wrote:\s*$/.test(next)) break;
    if (!line.startsWith('>')) out.push(line);
  }
  return out.join('\n').trim();
}
