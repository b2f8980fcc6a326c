import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** An SMS provider: an HTTP gateway, or files in an outbox for offline use. */
export interface SmsProvider {
  readonly name: string;
  send(to: string, text: string): Promise<{ id: string }>;
}

/**
 * POSTs `{ to, text }` as JSON to the gateway with a bearer token; any 2xx is success. Most commercial
 * gateways sit behind such a small adapter service of the operator's.
 */
export function httpGatewaySms(options: {
  url: string;
  token?: string | undefined;
  timeoutMs?: number;
}): SmsProvider {
  return {
    name: 'http',
    async send(to, text) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
      return { id: response.headers.get('x-message-id') ?? randomUUID() };
    },
  };
}

/** Writes each message as a JSON file (mode 0600) under `dir`, for an operator to send by other means. */
export function outboxSms(dir: string): SmsProvider {
  return {
    name: 'outbox',
    async send(to, text) {
      const id = randomUUID();
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(path.join(dir, `${Date.now()}-${id}.json`), JSON.stringify({ to, text }), {
        mode: 0o600,
      });
      return { id };
    },
  };
}
