import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parse as parseHost } from 'tldts';

/** The kinds of target the centre tracks. */
export const TARGET_KINDS = ['url', 'domain', 'phone', 'account', 'app', 'payment'] as const;
export type TTargetKind = (typeof TARGET_KINDS)[number];

/** Tracking parameters removed from URLs: exact names, or a prefix when the entry ends with `*`. */
export const DEFAULT_TRACKING_PARAMS = ['utm_*', 'spm', 'from', 'share_*'];

/** Punctuation (ASCII and full-width) that surrounds targets in running text but is never part of one. */
const EDGE =
  /^[\s"'`“”‘’「」『』《》【】()（）<>[\]{}，。、；：！？,.;:!?·…~]+|[\s"'`“”‘’「」『』《》【】()（）<>[\]{}，。、；：！？,.;:!?·…~]+$/gu;

export function trimEdges(value: string): string {
  return value.replace(EDGE, '');
}

function isTracking(name: string, params: readonly string[]): boolean {
  const key = name.toLowerCase();
  return params.some((p) =>
    p.endsWith('*') ? key.startsWith(p.slice(0, -1).toLowerCase()) : key === p.toLowerCase(),
  );
}

/**
 * URL → lowercase scheme and host, punycode host, no default port, no fragment, no tracking parameters, no
 * slash for an empty path. The path and the remaining query keep their case and order. Undefined when the
 * value is not an http(s) URL with a host that has a public suffix.
 */
export function normalizeUrl(raw: string, trackingParams: readonly string[] = DEFAULT_TRACKING_PARAMS) {
  let text = trimEdges(raw.normalize('NFKC'));
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  const info = parseHost(url.hostname);
  if (!info.isIcann && !info.isIp) return undefined;
  const query = url.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(decodeSafe(pair.split('=')[0] ?? ''), trackingParams));
  const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
  const path = url.pathname === '/' ? '' : url.pathname;
  const search = query.length > 0 ? `?${query.join('&')}` : '';
  return `${url.protocol}//${host}${path === '' && search ? '/' : path}${search}`;
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Host (or URL) → registrable domain, lowercase, punycode. */
export function normalizeDomain(raw: string): string | undefined {
  const text = trimEdges(raw.normalize('NFKC'));
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`).hostname;
  } catch {
    return undefined;
  }
  const info = parseHost(host);
  if (info.isIp) return host;
  if (!info.isIcann) return undefined;
  return info.domain ?? undefined;
}

/** Phone → E.164 (China as the default country); undefined when not a possible number. */
export function normalizePhone(raw: string): string | undefined {
  const text = trimEdges(raw.normalize('NFKC')).replace(/^00(?=[1-9])/, '+');
  const phone = parsePhoneNumberFromString(text, 'CN');
  if (!phone?.isPossible()) return undefined;
  return phone.number;
}

/** Platforms whose account ids are case-sensitive (all others are lowercased). */
export const CASE_SENSITIVE_PLATFORMS = new Set<string>(['usdt']);

/** Account or payment id → `platform:id`: no @, no spaces, lowercased where the platform ignores case. */
export function normalizeAccount(platform: string, raw: string): string | undefined {
  let id = trimEdges(raw.normalize('NFKC')).replace(/^@+/, '');
  if (/^[\d\s-]+$/.test(id)) id = id.replace(/[\s-]/g, '');
  id = id.replace(/\s+/g, '');
  if (!id) return undefined;
  const p = platform.toLowerCase();
  return `${p}:${CASE_SENSITIVE_PLATFORMS.has(p) ? id : id.toLowerCase()}`;
}

/** App name → without quotes, spaces or an "APP" suffix, lowercased. */
/** A trailing "APP"/"应用"/… word: "app" only after a space, a bracket or a Chinese character, so "WhatsApp" stays whole. */
const APP_SUFFIX = /(?:(?<=[\s"'“”《》「」\p{Script=Han}])app|应用|软件|客户端)$/u;
const APP_INNER = /[\s"'“”《》「」]/gu;

/** Strips edges and app words until nothing changes, so the result is a fixed point (idempotent). */
export function normalizeApp(raw: string): string | undefined {
  let name = raw.normalize('NFKC').toLowerCase();
  let previous: string;
  do {
    previous = name;
    name = trimEdges(name).replace(APP_SUFFIX, '');
    if (name === previous) name = name.replace(APP_INNER, '');
  } while (name !== previous);
  return name.length >= 2 ? name : undefined;
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Normalises an already-normalised or raw value of a kind again (idempotent). Accounts and payments are
 * `platform:id`; their normal form is recomputed from that shape.
 */
export function normalizeTarget(kind: TTargetKind, value: string, trackingParams?: readonly string[]) {
  switch (kind) {
    case 'url':
      return normalizeUrl(value, trackingParams);
    case 'domain':
      return normalizeDomain(value);
    case 'phone':
      return normalizePhone(value);
    case 'app':
      return normalizeApp(value);
    default: {
      const i = value.indexOf(':');
      return i > 0 ? normalizeAccount(value.slice(0, i), value.slice(i + 1)) : undefined;
    }
  }
}
