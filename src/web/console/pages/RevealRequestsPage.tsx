import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Field, FormError } from '../../shared/Field.js';
import { errorMessage, staffApi } from '../api.js';
import { dateTime } from '../format.js';
import { useLoad, useTitle } from '../hooks.js';
import type { TRevealRequest } from '../types.js';

/** Supervisors approve or reject requests to reveal a reporter's identity (never their own). */
export default function RevealRequestsPage() {
  const { t, i18n } = useTranslation();
  useTitle(t('revealRequests.title'));
  const { data, error, reload } = useLoad<{ items: TRevealRequest[] }>('/reveal-requests');
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [result, setResult] = useState<string>();
  const [failure, setFailure] = useState<string>();

  const decide = async (id: string, approve: boolean) => {
    setFailure(undefined);
    try {
      const note = notes[id]?.trim();
      await staffApi(`/reveal-requests/${id}/decision`, { body: { approve, ...(note ? { note } : {}) } });
      setResult(approve ? t('revealRequests.approved') : t('revealRequests.rejected'));
      await reload();
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  return (
    <>
      <h1>{t('revealRequests.title')}</h1>
      <p>{t('revealRequests.intro')}</p>
      <div role="status" className="status-line">
        {result}
      </div>
      <FormError message={failure ?? error?.message} />
      {data && data.items.length === 0 && <p className="empty">{t('revealRequests.empty')}</p>}
      <ul className="card-list">
        {data?.items.map((r) => (
          <li key={r.id} className="panel" data-testid="reveal-request">
            <dl className="facts">
              <div>
                <dt>{t('revealRequests.case')}</dt>
                <dd>
                  <Link to={`/cases/${r.caseId}`}>{t('revealRequests.openCase')}</Link>
                </dd>
              </div>
              <div>
                <dt>{t('revealRequests.requestedBy')}</dt>
                <dd>{r.requestedBy.slice(0, 8)}</dd>
              </div>
              <div>
                <dt>{t('revealRequests.at')}</dt>
                <dd>{dateTime(r.createdAt, i18n.language)}</dd>
              </div>
            </dl>
            <p className="user-text">
              <span className="field-name">{t('revealRequests.reason')}: </span>
              {r.reason}
            </p>
            <Field id={`decision-note-${r.id}`} label={t('revealRequests.note')}>
              {(c) => (
                <Input
                  {...c}
                  maxLength={1000}
                  value={notes[r.id] ?? ''}
                  onChange={(e) => setNotes((n) => ({ ...n, [r.id]: e.target.value }))}
                />
              )}
            </Field>
            <div className="button-row">
              <Button type="primary" onClick={() => void decide(r.id, true)}>
                {t('revealRequests.approve')}
              </Button>
              <Button danger onClick={() => void decide(r.id, false)}>
                {t('revealRequests.reject')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
