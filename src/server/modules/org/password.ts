import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { AppError } from '../../platform/errors.js';
import type { TLanguage } from '../../platform/http/language.js';
import type { TMessageKey } from '../../platform/i18n/messages.js';
import { translate } from '../../platform/i18n/translate.js';

/** argon2id (the library's default algorithm) with OWASP's minimum: 19 MiB, 2 passes, 1 lane. */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Frequently used passwords (and their obvious variants are caught by normalising case and digits). */
const COMMON_PASSWORDS = new Set([
  '123456789012',
  '1234567890123',
  '12345678901234',
  'qwertyuiopas',
  'qwerty123456',
  '1q2w3e4r5t6y',
  'password1234',
  'password123456',
  'passwordpassword',
  'administrator',
  'admin1234567',
  'admin123456789',
  'iloveyou1234',
  'welcome12345',
  'letmein12345',
  'changeme1234',
  'abc123456789',
  'aaaaaaaaaaaa',
  '111111111111',
  '000000000000',
  '888888888888',
  '666666666666',
  '123123123123',
  'woaini520520',
  'woaini1314520',
  'qinglang1234',
  'qinglang123456',
  'p@ssw0rd1234',
  'passw0rd1234',
  'zaq12wsxcde3',
  '1qaz2wsx3edc',
  'qazwsxedcrfv',
]);

/** The reasons a new password is refused, as i18n keys (`field.password_*`). */
export function passwordProblems(password: string, username: string): TMessageKey[] {
  const problems: TMessageKey[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('field.password_too_short');
  if (password.length > PASSWORD_MAX_LENGTH) problems.push('field.password_too_long');
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) problems.push('field.password_contains_username');
  if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password) || /^\d+$/.test(password)) {
    problems.push('field.password_too_common');
  }
  return problems;
}

/** Throws 400 `validation_failed` with field errors in the caller's language when the password is weak. */
export function assertPasswordAcceptable(
  password: string,
  username: string,
  lang: TLanguage,
  path = 'password',
): void {
  const problems = passwordProblems(password, username);
  if (problems.length) {
    const params = { minimum: PASSWORD_MIN_LENGTH, maximum: PASSWORD_MAX_LENGTH };
    const fields = problems.map((key) => ({ path, message: translate(lang, key, params) }));
    throw new AppError('validation_failed', 400, {}, fields);
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, for names that do not exist (no user enumeration by timing). */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('qinglang-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A random 20-character password (about 116 bits), grouped for reading aloud. */
export function generatePassword(): string {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
