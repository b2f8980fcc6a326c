import { AppError } from '../../platform/errors.js';
import { extractTargets, type TExtractConfig } from './target.extract.js';
import { normalizeDomain, normalizeTarget, TARGET_KINDS, type TTargetKind } from './target.normalize.js';

const KINDS: ReadonlySet<string> = new Set(TARGET_KINDS);

/**
 * What a registry search means: when the text normalises to targets (a URL, a phone number in any written
 * form, an account, a `kind|normalised` key …), their keys, each URL with its registrable domain; otherwise
 * the lowercase text, to be found inside normalised forms.
 */
export function registrySearch(
  q: string,
  config: TExtractConfig,
): { keys: string[] } | { contains: string } | undefined {
  const text = q.normalize('NFKC').trim();
  if (!text) return undefined;
  const keys = new Set<string>();
  const add = (kind: string, normalized: string) => {
    keys.add(`${kind}|${normalized}`);
    const domain = kind === 'url' ? normalizeDomain(normalized) : undefined;
    if (domain) keys.add(`domain|${domain}`);
  };
  const bar = text.indexOf('|');
  const kind = text.slice(0, Math.max(bar, 0)).toLowerCase();
  if (bar > 0 && KINDS.has(kind)) {
    // A key as shown in the registry (or typed after it): exact, normalised again when it can be.
    const value = text.slice(bar + 1).trim();
    const normalized = normalizeTarget(kind as TTargetKind, value, config.trackingParams);
    add(kind, normalized ?? value);
    return { keys: [...keys] };
  }
  for (const t of extractTargets(text, config)) add(t.kind, t.normalized);
  return keys.size > 0 ? { keys: [...keys] } : { contains: text.toLowerCase() };
}

export interface TRegistryCursor {
  /** ISO timestamp to the microsecond (UTC). */
  firstSeen: string;
  key: string;
}

const EXACT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A real instant in the exact form (no rolled-over dates such as 31 February). */
function isExactIso(text: string): boolean {
  if (!EXACT_ISO.test(text)) return false;
  const at = new Date(text);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 23) === text.slice(0, 23);
}

export function encodeRegistryCursor(c: TRegistryCursor): string {
  return Buffer.from(JSON.stringify([c.firstSeen, c.key]), 'utf8').toString('base64url');
}

/** The keyset position a `next` cursor names; a 400 on `before` for anything else. */
export function decodeRegistryCursor(cursor: string): TRegistryCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [firstSeen, key] = value as unknown[];
      if (typeof firstSeen === 'string' && typeof key === 'string' && key && isExactIso(firstSeen))
        return { firstSeen, key };
    }
  } catch {
    // fall through
  }
  throw new AppError('validation_failed', 400, {}, [{ path: 'before', message: 'field.invalid_value' }]);
}
