import { Button, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import { useAuth } from '../auth.js';
import type { TMaskedReporter } from '../types.js';

const FIELDS = ['name', 'phone', 'email', 'idNumber', 'address'] as const;

interface TRevealAnswer {
  status: 'revealed' | 'pending';
  identity?: TMaskedReporter;
  requestId?: string;
}

/** Where a pending request's id is kept for this browser tab, so the requester can use it once approved. */
const pendingKey = (reportId: string) => `qinglang.reveal.${reportId}`;

function IdentityList({ identity, testId }: { identity: TMaskedReporter; testId: string }) {
  const { t } = useTranslation();
  return (
    <dl className="facts identity" data-testid={testId}>
      {FIELDS.filter((f) => identity[f]).map((f) => (
        <div key={f}>
          <dt>{t(`reporter.${f}`)}</dt>
          <dd className="user-text">{identity[f]}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The reporter's identity, masked (张*, 138****5678). "Reveal" asks for a reason; the server either reveals
 * it (audited) or files a request a supervisor must approve first, which the requester then uses once.
 */
export function RevealPanel({ reportId, masked }: { reportId: string; masked: TMaskedReporter }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [revealed, setRevealed] = useState<TMaskedReporter>();
  const [pending, setPending] = useState<string | null>(() => sessionStorage.getItem(pendingKey(reportId)));
  const [busy, setBusy] = useState(false);

  const answer = (result: TRevealAnswer) => {
    if (result.status === 'revealed' && result.identity) {
      setRevealed(result.identity);
      sessionStorage.removeItem(pendingKey(reportId));
      setPending(null);
      setOpen(false);
    } else if (result.requestId) {
      sessionStorage.setItem(pendingKey(reportId), result.requestId);
      setPending(result.requestId);
      setOpen(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 10) return setErrors({ reason: t('reveal.reasonTooShort') });
    setBusy(true);
    setFormError(undefined);
    try {
      answer(
        await staffApi<TRevealAnswer>(`/reports/${reportId}/reveal`, { body: { reason: reason.trim() } }),
      );
      setErrors({});
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const revealApproved = async () => {
    if (!pending) return;
    setBusy(true);
    setFormError(undefined);
    try {
      answer(await staffApi<TRevealAnswer>(`/reveal-requests/${pending}/reveal`, { body: {} }));
    } catch (err) {
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="reveal">
      <p className="muted">{revealed ? t('reveal.revealedNote') : t('reveal.maskedNote')}</p>
      <IdentityList
        identity={revealed ?? masked}
        testId={revealed ? 'identity-revealed' : 'identity-masked'}
      />
      {!revealed && can('reporter.reveal') && (
        <>
          {pending && (
            <div className="notice" role="status">
              <p>{t('reveal.pending')}</p>
              <Button onClick={() => void revealApproved()} loading={busy}>
                {t('reveal.useApproved')}
              </Button>
            </div>
          )}
          {!open && !pending && <Button onClick={() => setOpen(true)}>{t('reveal.button')}</Button>}
          {open && (
            <form onSubmit={submit} noValidate aria-label={t('reveal.button')}>
              <Field
                id={`reveal-reason-${reportId}`}
                label={t('reveal.reason')}
                hint={t('reveal.reasonHint')}
                error={errors.reason}
                required
              >
                {(c) => (
                  <Input.TextArea
                    {...c}
                    rows={3}
                    maxLength={1000}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                )}
              </Field>
              <div className="button-row">
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('reveal.submit')}
                </Button>
                <Button onClick={() => setOpen(false)}>{t('form.cancel')}</Button>
              </div>
            </form>
          )}
          <FormError message={formError} />
        </>
      )}
    </div>
  );
}
