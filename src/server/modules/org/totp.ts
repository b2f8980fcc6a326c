import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

export const TOTP_ISSUER = 'Qinglang';
const PERIOD = 30;

function totp(secretBase32: string, username: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A fresh 160-bit secret (RFC 4226's recommended length), base32 for authenticator apps. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUri(secretBase32: string, username: string): string {
  return totp(secretBase32, username).toString();
}

/** The current code for a secret (demo output and tests). */
export function currentTotpCode(secretBase32: string, timestamp = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), period: PERIOD, timestamp });
}

/**
 * The RFC 6238 time step a code matches (±1 step for clock drift), or undefined. Callers must refuse steps at
 * or before the last accepted one, so a code cannot be replayed.
 */
export function matchTotpStep(
  secretBase32: string,
  code: string,
  timestamp = Date.now(),
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const delta = totp(secretBase32, 'x').validate({ token: code, timestamp, window: 1 });
  if (delta === null) return undefined;
  return Math.floor(timestamp / 1000 / PERIOD) + delta;
}

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Ten recovery codes of 16 characters (about 79 bits each), shown once, grouped `xxxx-xxxx-xxxx-xxxx`. */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
    return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4)).join('-');
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function hashRecoveryCode(code: string): Buffer {
  return createHash('sha256')
    .update(`qinglang-recovery:${normaliseRecoveryCode(code)}`, 'utf8')
    .digest();
}
