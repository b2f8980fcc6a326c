import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed webhooks (both directions: partner outcome callbacks out, telephony calls in). The signature is
 * `v1=<hex HMAC-SHA-256(secret, "<timestamp>.<raw body>")>` with the Unix time in seconds in its own header,
 * so a captured request cannot be replayed once the tolerance has passed, nor altered at all.
 */
export const SIGNATURE_HEADER = 'x-qinglang-signature';
export const TIMESTAMP_HEADER = 'x-qinglang-timestamp';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

export type TSignatureCheck = 'ok' | 'missing' | 'stale' | 'invalid';

/** Checks a signature and its timestamp (± `toleranceSeconds` of `now`). */
export function verifyWebhook(
  secret: string,
  headers: { timestamp?: string | undefined; signature?: string | undefined },
  body: string,
  toleranceSeconds = 300,
  now = Date.now(),
): TSignatureCheck {
  if (!headers.timestamp || !headers.signature) return 'missing';
  if (!/^\d{9,11}$/.test(headers.timestamp)) return 'invalid';
  const ts = Number(headers.timestamp);
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  if (Math.abs(now / 1000 - ts) > toleranceSeconds) return 'stale';
  return 'ok';
}
