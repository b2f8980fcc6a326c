/** A field-level problem: `path` is the dotted field name, `message` the reason in the caller's language. */
export interface FieldError {
  path: string;
  message: string;
}

/**
 * The one error type. `code` is stable and machine-readable; `messageKey`/`params` are resolved in the
 * caller's language by the HTTP error handler. Services throw it; nothing else maps errors to HTTP.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly params: Record<string, string | number> = {},
    readonly fields?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/** PostgreSQL SQLSTATE classes and Node socket errors that mean "the database is not reachable right now". */
const UNAVAILABLE_SQLSTATE = /^(08|57P0|53)/;
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_ERRNO.has(e.code))) {
    return true;
  }
  if (
    typeof e.message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect/i.test(e.message)
  ) {
    return true;
  }
  if (Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable)) return true;
  return e.cause !== undefined && e.cause !== err && isDatabaseUnavailable(e.cause);
}

/**
 * A loggable description of an unexpected error that cannot carry row values: query builders put the SQL
 * parameters into their messages, and some PostgreSQL messages quote input, so for database errors only the
 * SQLSTATE, constraint, table and column are kept.
 */
export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const cause = (err as { cause?: unknown }).cause;
  if (cause && err.message.startsWith('Failed query')) return describeError(cause);
  const e = err as Error & {
    code?: unknown;
    severity?: unknown;
    constraint?: unknown;
    table?: unknown;
    column?: unknown;
  };
  if (typeof e.severity === 'string') {
    return {
      type: 'DatabaseError',
      code: e.code,
      constraint: e.constraint,
      table: e.table,
      column: e.column,
    };
  }
  return { type: err.name, code: e.code, message: err.message, stack: err.stack };
}
