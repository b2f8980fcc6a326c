import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../shared/Field.js';
import { dateTime } from '../format.js';
import { useLoad } from '../hooks.js';
import type { TPartnerDelivery } from '../types.js';

/** The event of a delivery (`report.<state>`) in words, by the case state it announces. */
function useEventName() {
  const { t, i18n } = useTranslation();
  return (event: string) => {
    const state = /^report\.(\w+)$/.exec(event)?.[1];
    return state && i18n.exists(`state.${state}`)
      ? t('partners.deliveries.event', { state: t(`state.${state}`) })
      : event;
  };
}

/** An attempt's HTTP status and/or error ("HTTP 500" once, not twice, when the error is just that status). */
export function attemptResult(a: { statusCode: number | null; error: string | null }): string {
  const status = a.statusCode !== null ? `HTTP ${a.statusCode}` : '';
  const error = a.error && a.error !== status ? a.error : '';
  return [status, error].filter(Boolean).join(' · ') || '—';
}

/**
 * Outcome webhook deliveries of a partner, newest first (the server keeps the latest 200), one row per attempt:
 * when, HTTP status or error, how long it took. Failed attempts are retried by the job queue with backoff.
 */
export function PartnerDeliveries({ partnerId }: { partnerId: string }) {
  const { t, i18n } = useTranslation();
  const eventName = useEventName();
  const { data, error, loading, reload } = useLoad<{ deliveries: TPartnerDelivery[] }>(
    `/admin/partners/${partnerId}/deliveries`,
  );
  const deliveries = data?.deliveries ?? [];
  return (
    <section aria-labelledby="deliveries-title" className="panel">
      <h2 id="deliveries-title">{t('partners.deliveries.title')}</h2>
      <p className="muted">{t('partners.deliveries.intro')}</p>
      <Button onClick={() => void reload()}>{t('partners.refresh')}</Button>
      <FormError message={error?.message} />
      {data && deliveries.length === 0 && <p className="empty">{t('partners.deliveries.empty')}</p>}
      {deliveries.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="partner-deliveries" aria-busy={loading}>
            <caption className="visually-hidden">{t('partners.deliveries.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partners.deliveries.delivery')}</th>
                <th scope="col">{t('partners.deliveries.attempt')}</th>
                <th scope="col">{t('partners.deliveries.time')}</th>
                <th scope="col">{t('partners.deliveries.result')}</th>
                <th scope="col">{t('partners.deliveries.duration')}</th>
              </tr>
            </thead>
            {deliveries.map((d) => (
              <tbody key={d.id} data-testid="partner-delivery" data-status={d.status}>
                {(d.log.length > 0 ? d.log : [undefined]).map((a, i) => (
                  <tr key={a ? `${a.at}-${i}` : 'none'} data-testid={a ? 'delivery-attempt' : undefined}>
                    {i === 0 && (
                      <th scope="rowgroup" rowSpan={Math.max(1, d.log.length)} className="delivery-head">
                        {eventName(d.event)}
                        {d.reportNo && (
                          <>
                            <br />
                            <span data-testid="delivery-about">
                              {t('partners.deliveries.about', {
                                reference: d.reference ?? '—',
                                reportNo: d.reportNo,
                                caseNo: d.caseNo ?? '—',
                              })}
                            </span>
                          </>
                        )}
                        <br />
                        <span className="muted">{dateTime(d.createdAt, i18n.language)}</span>
                        <br />
                        <strong data-testid="delivery-status">
                          {t(`partners.deliveries.status.${d.status}`)}
                        </strong>
                        {d.deliveredAt &&
                          ` · ${t('partners.deliveries.deliveredAt', { at: dateTime(d.deliveredAt, i18n.language) })}`}
                        {d.status === 'pending' && (
                          <>
                            <br />
                            <span className="muted" data-testid="delivery-next">
                              {d.nextAttemptAt
                                ? t('partners.deliveries.nextAttempt', {
                                    at: dateTime(d.nextAttemptAt, i18n.language),
                                  })
                                : t('partners.deliveries.retrying')}
                            </span>
                          </>
                        )}
                      </th>
                    )}
                    {a ? (
                      <>
                        <td>{t('partners.deliveries.attemptNo', { n: i + 1 })}</td>
                        <td>{dateTime(a.at, i18n.language)}</td>
                        <td data-testid="attempt-result">{attemptResult(a)}</td>
                        <td>{t('partners.deliveries.ms', { n: a.durationMs })}</td>
                      </>
                    ) : (
                      <td colSpan={4} className="muted">
                        {t('partners.deliveries.noAttempt')}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </section>
  );
}
