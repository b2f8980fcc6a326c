import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../shared/api.js';
import { Field } from '../../shared/Field.js';
import { FollowUp } from './FollowUp.js';

interface TSession {
  reportNo: string;
  csrfToken: string;
}

/** "Check my report": the receipt code opens a follow-up session (cookie + CSRF token kept in memory only). */
export default function CheckPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [session, setSession] = useState<TSession>();
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function open() {
    setError(undefined);
    setFailure(undefined);
    if (code.replace(/\D/g, '').length < 16) {
      setError(t('check.codeInvalid'));
      document.getElementById('receipt-code')?.focus();
      return;
    }
    setBusy(true);
    try {
      setSession(await api<TSession>('/api/v1/receipts/session', { body: { receiptCode: code.trim() } }));
    } catch (e) {
      const err = e as ApiError;
      if (err.fields?.length) setError(err.fields[0]?.message);
      else if (err.status === 404) setError(err.message);
      else setFailure(err);
      document.getElementById('receipt-code')?.focus();
    } finally {
      setBusy(false);
    }
  }

  if (session) {
    return (
      <FollowUp
        csrfToken={session.csrfToken}
        onExpired={() => {
          setSession(undefined);
          setFailure(new ApiError(401, 'session_expired', t('check.expired')));
        }}
        onLeave={() => {
          setSession(undefined);
          setCode('');
        }}
      />
    );
  }

  return (
    <>
      <h1>{t('check.title')}</h1>
      <p>{t('check.lead')}</p>
      <form
        className="narrow-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void open();
        }}
      >
        <Field id="receipt-code" label={t('check.code')} hint={t('check.codeHint')} error={error} required>
          {(control) => (
            <Input
              {...control}
              size="large"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              value={code}
              status={error ? 'error' : undefined}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        {failure && <Alert type="error" showIcon role="alert" title={failure.message} />}
        <div className="form-actions">
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('check.open')}
          </Button>
        </div>
      </form>
      <p className="muted">{t('check.lost')}</p>
    </>
  );
}
