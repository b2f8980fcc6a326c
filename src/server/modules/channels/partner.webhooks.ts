import type { DerivedKeys } from '../../platform/crypto/keys.js';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../../platform/crypto/webhook-signature.js';
import type { Db } from '../../platform/db/pool.js';
import { assertPublicUrl } from '../../platform/net/public-address.js';
import { findDelivery, recordAttempt } from './partner.repository.js';

export const WEBHOOK_SECRET_CONTEXT = 'partner-webhook-secret';

/**
 * One delivery attempt of an outcome notification (the `partner_webhook` job): POSTs the payload signed with
 * the partner's secret, records the attempt (visible to admins), and throws on failure so the job queue retries
 * it with exponential backoff. `final` marks the last attempt: the delivery is then `failed`.
 */
export async function deliverWebhook(
  deps: { db: Db; keys: DerivedKeys; timeoutMs: number; fetch?: typeof fetch; allowPrivate?: boolean },
  deliveryId: string,
  final: boolean,
): Promise<void> {
  const delivery = await findDelivery(deps.db, deliveryId);
  if (!delivery || delivery.status === 'delivered') return;
  if (!delivery.webhookUrl || !delivery.keyId || !delivery.wrappedKey || !delivery.sealed) {
    await recordAttempt(deps.db, {
      deliveryId,
      statusCode: null,
      error: 'no webhook configured',
      durationMs: 0,
      status: 'failed',
    });
    return;
  }
  const secret = deps.keys.unseal<string>(WEBHOOK_SECRET_CONTEXT, {
    keyId: delivery.keyId,
    wrappedKey: delivery.wrappedKey,
    sealed: delivery.sealed,
  });
  const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
  const timestamp = Math.floor(Date.now() / 1000);
  const started = Date.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    if (!deps.allowPrivate) await assertPublicUrl(delivery.webhookUrl);
    const response = await (deps.fetch ?? fetch)(delivery.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Qinglang-Webhook/1',
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.timeoutMs),
    });
    statusCode = response.status;
    await response.body?.cancel();
    if (!response.ok) error = `HTTP ${response.status}`;
  } catch (err) {
    const e = err as Error;
    error =
      e.name === 'TimeoutError'
        ? 'timeout'
        : /private network/.test(e.message)
          ? e.message
          : `network error (${e.name})`;
  }
  const status = error === null ? 'delivered' : final ? 'failed' : 'pending';
  await recordAttempt(deps.db, { deliveryId, statusCode, error, durationMs: Date.now() - started, status });
  if (error !== null) throw new Error(`webhook delivery ${deliveryId}: ${error}`);
}
