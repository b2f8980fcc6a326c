/**
 * The browser's client for the Qinglang API: JSON and multipart calls that send the UI language as
 * Accept-Language (so the server's messages come back in it) and turn every failure into an ApiError with a
 * human message (the server's, or a translated one for network failures).
 */

export interface TFieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: TFieldError[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** No answer from the server (offline, timeout, connection reset): the request may be retried. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export interface TApiOptions {
  /** The UI language, e.g. 'zh-CN' or 'en'. */
  language: () => string;
  /** The message for a network failure, in the UI language. */
  networkMessage: () => string;
}

let options: TApiOptions = { language: () => 'zh-CN', networkMessage: () => 'Network error' };

export function configureApi(next: TApiOptions): void {
  options = next;
}

function parseError(status: number, text: string, retryAfter: string | null): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; fields?: TFieldError[] } };
    if (body.error?.message) {
      const wait = retryAfter ? Number(retryAfter) : undefined;
      return new ApiError(
        status,
        body.error.code ?? 'error',
        body.error.message,
        body.error.fields ?? [],
        wait,
      );
    }
  } catch {
    // not our error shape: fall through
  }
  return new ApiError(status, 'http_error', `${options.networkMessage()} (HTTP ${status})`);
}

export interface TRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  /** Milliseconds before the request is abandoned as a network failure. */
  timeoutMs?: number;
}

/** A JSON request to the API; resolves with the parsed body, rejects with ApiError. */
export async function api<T>(path: string, request: TRequest = {}): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': options.language(), ...request.headers };
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: request.method ?? (request.body === undefined ? 'GET' : 'POST'),
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      credentials: 'same-origin',
      signal: AbortSignal.timeout(request.timeoutMs ?? 30_000),
    });
  } catch {
    throw new ApiError(0, 'network', options.networkMessage());
  }
  const text = await response.text();
  if (!response.ok) throw parseError(response.status, text, response.headers.get('retry-after'));
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface TUploadRequest {
  form: FormData;
  headers?: Record<string, string>;
  /** Called with bytes sent so far and the total. */
  onProgress?: (sent: number, total: number) => void;
  timeoutMs?: number;
}

/** A multipart POST with upload progress (XMLHttpRequest: fetch cannot report upload progress). */
export function upload<T>(path: string, request: TUploadRequest): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.timeout = request.timeoutMs ?? 300_000;
    xhr.setRequestHeader('accept-language', options.language());
    for (const [name, value] of Object.entries(request.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) request.onProgress?.(e.loaded, e.total);
    };
    const networkFailure = () => reject(new ApiError(0, 'network', options.networkMessage()));
    xhr.onerror = networkFailure;
    xhr.ontimeout = networkFailure;
    xhr.onabort = networkFailure;
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T);
      } else {
        reject(parseError(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
      }
    };
    xhr.send(request.form);
  });
}
