import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Field, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import { dateTime } from '../format.js';
import { useLoad, useTitle } from '../hooks.js';
import type { TCall } from '../types.js';

/** Local date-time for <input type="datetime-local"> (minutes). */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

/** Hotline operators: the queue of calls (drafts pushed by the call system, open calls) and a new call. */
export default function HotlinePage() {
  const { t, i18n } = useTranslation();
  useTitle(t('hotline.title'));
  const navigate = useNavigate();
  const { data, error, reload } = useLoad<{ calls: TCall[] }>('/hotline/calls');
  const [line, setLine] = useState('12377');
  const [callerNumber, setCallerNumber] = useState('');
  const [startedAt, setStartedAt] = useState(localNow);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setFailure(undefined);
    setErrors({});
    setBusy(true);
    try {
      const when = startedAt ? new Date(startedAt) : undefined;
      const call = await staffApi<TCall>('/hotline/calls', {
        body: {
          line: line.trim(),
          ...(callerNumber.trim() ? { callerNumber: callerNumber.trim() } : {}),
          ...(when && !Number.isNaN(when.getTime()) ? { startedAt: when.toISOString() } : {}),
        },
      });
      navigate(`/hotline/${call.id}`);
    } catch (err) {
      setErrors(fieldErrors(err));
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('hotline.title')}</h1>
      <section className="panel" aria-labelledby="new-call">
        <h2 id="new-call">{t('hotline.start.title')}</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <Field id="call-line" label={t('hotline.start.line')} error={errors.line} required>
            {(c) => <Input {...c} maxLength={40} value={line} onChange={(e) => setLine(e.target.value)} />}
          </Field>
          <Field
            id="call-number"
            label={t('hotline.start.callerNumber')}
            hint={t('hotline.start.callerNumberHint')}
            error={errors.callerNumber}
          >
            {(c) => (
              <Input
                {...c}
                type="tel"
                maxLength={40}
                autoComplete="off"
                value={callerNumber}
                onChange={(e) => setCallerNumber(e.target.value)}
              />
            )}
          </Field>
          <Field id="call-started" label={t('hotline.start.startedAt')} error={errors.startedAt}>
            {(c) => (
              <Input
                {...c}
                type="datetime-local"
                value={startedAt}
                onChange={(e) => setStartedAt(e.target.value)}
              />
            )}
          </Field>
          <FormError message={failure} />
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('hotline.start.submit')}
          </Button>
        </form>
      </section>

      <section aria-labelledby="call-queue">
        <h2 id="call-queue">{t('hotline.queue.title')}</h2>
        <FormError message={error?.message} />
        <Button onClick={() => void reload()}>{t('hotline.queue.refresh')}</Button>
        {data && data.calls.length === 0 && <p className="empty">{t('hotline.queue.empty')}</p>}
        {data && data.calls.length > 0 && (
          <table className="data-table" data-testid="call-queue">
            <thead>
              <tr>
                <th scope="col">{t('hotline.queue.startedAt')}</th>
                <th scope="col">{t('hotline.queue.line')}</th>
                <th scope="col">{t('hotline.queue.caller')}</th>
                <th scope="col">{t('hotline.queue.source')}</th>
                <th scope="col">{t('hotline.queue.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.calls.map((c) => (
                <tr key={c.id} data-testid="call-row">
                  <td>
                    <Link to={`/hotline/${c.id}`}>{dateTime(c.startedAt, i18n.language)}</Link>
                  </td>
                  <td>{c.line}</td>
                  <td>{c.callerNumber ?? t('hotline.unknownCaller')}</td>
                  <td>{t(`hotline.source.${c.source}`)}</td>
                  <td>{t(`hotline.state.${c.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
