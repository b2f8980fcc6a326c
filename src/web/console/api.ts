import { ApiError, api, type TRequest, upload } from '../shared/api.js';

/**
 * The console's API client: paths under /api/v1, the staff session cookie (same origin) and the session's
 * CSRF token on every state-changing request. The token comes from sign-in and from GET /staff/me.
 */
let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export function staffApi<T>(path: string, request: TRequest = {}): Promise<T> {
  const method = request.method ?? (request.body === undefined ? 'GET' : 'POST');
  const headers: Record<string, string> = { ...request.headers };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  return api<T>(`/api/v1${path}`, { ...request, method, headers });
}

/** Query string from the defined, non-empty values. */
export function query(params: Record<string, string | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Field errors of an ApiError by field path (the first message per field). */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) for (const f of err.fields) out[f.path] ??= f.message;
  return out;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export { ApiError };

/** A multipart POST (e.g. a recording) with the session's CSRF token. */
export function staffUpload<T>(path: string, form: FormData): Promise<T> {
  return upload<T>(`/api/v1${path}`, { form, headers: csrfToken ? { 'x-csrf-token': csrfToken } : {} });
}
