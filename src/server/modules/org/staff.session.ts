import type { TSessionPolicy } from '../../platform/sessions/session.service.js';

/** Staff sessions: cookie `qinglang_staff` on every path, 30 minutes idle, 12 hours at most. */
export const STAFF_SESSION: TSessionPolicy = {
  kind: 'staff',
  cookieName: 'qinglang_staff',
  path: '/',
  idleSeconds: 30 * 60,
  absoluteSeconds: 12 * 60 * 60,
};

/**
 * How far a session got: `mfa` = password accepted, TOTP code outstanding; `enrol` = password accepted, the
 * account must enrol in TOTP before anything else; `full` = signed in.
 */
export type TSessionStage = 'mfa' | 'enrol' | 'full';

/** Lockout: this many failures lock a username for 60 s, doubling with each lock, at most one hour. */
export const LOCKOUT = { threshold: 5, baseSeconds: 60, capSeconds: 3600 };
