import { Button, Input, QRCode } from 'antd';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, setCsrfToken, staffApi } from '../api.js';
import { useAuth } from '../auth.js';
import { useTitle } from '../hooks.js';

interface TLoginResult {
  mfaRequired: boolean;
  enrolmentRequired: boolean;
  csrfToken: string;
}

/** Sign-in: user name and password, then the TOTP (or recovery) code, or TOTP enrolment where required. */
export default function SignInPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  useTitle(t('signIn.title'));
  return (
    <div className="sign-in">
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      {me?.stage === 'mfa' ? <TotpStep /> : me?.stage === 'enrol' ? <EnrolStep /> : <PasswordStep />}
    </div>
  );
}

function PasswordStep() {
  const { t } = useTranslation();
  const { refresh } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = t('signIn.required');
    if (!password) missing.password = t('signIn.required');
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    setFormError(undefined);
    try {
      const result = await staffApi<TLoginResult>('/staff/session', { body: { username, password } });
      setCsrfToken(result.csrfToken);
      await refresh();
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('signIn.title')}>
      <p>{t('signIn.intro')}</p>
      <FormError message={formError} />
      <Field id="username" label={t('signIn.username')} error={errors.username} required>
        {(c) => (
          <Input
            {...c}
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        )}
      </Field>
      <Field id="password" label={t('signIn.password')} error={errors.password} required>
        {(c) => (
          <Input
            {...c}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <Button type="primary" htmlType="submit" loading={busy}>
        {t('signIn.submit')}
      </Button>
    </form>
  );
}

function CodeField({ value, onChange, error }: { value: string; onChange(v: string): void; error?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Field id="code" label={t('signIn.code')} hint={t('signIn.codeHint')} error={error} required>
      {(c) => (
        <input
          {...c}
          ref={ref}
          className="ant-input ant-input-outlined"
          autoComplete="one-time-code"
          inputMode="text"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

function TotpStep() {
  const { t } = useTranslation();
  const { refresh, signOut } = useAuth();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return setError(t('signIn.required'));
    setBusy(true);
    try {
      const result = await staffApi<{ csrfToken: string }>('/staff/session/totp', {
        body: { code: code.trim() },
      });
      setCsrfToken(result.csrfToken);
      await refresh();
    } catch (err) {
      setError(fieldErrors(err).code ?? errorMessage(err));
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('signIn.totpTitle')}>
      <h2>{t('signIn.totpTitle')}</h2>
      <p>{t('signIn.totpIntro')}</p>
      <CodeField value={code} onChange={setCode} error={error} />
      <div className="button-row">
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('signIn.verify')}
        </Button>
        <Button onClick={() => void signOut()}>{t('signIn.cancel')}</Button>
      </div>
    </form>
  );
}

function EnrolStep() {
  const { t } = useTranslation();
  const { refresh, signOut } = useAuth();
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string }>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [codes, setCodes] = useState<string[]>();
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await staffApi('/staff/me/totp/setup', { body: {} }));
      setError(undefined);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) return setError(t('signIn.required'));
    setBusy(true);
    try {
      const result = await staffApi<{ recoveryCodes: string[]; csrfToken: string }>(
        '/staff/me/totp/confirm',
        {
          body: { code: code.trim() },
        },
      );
      setCsrfToken(result.csrfToken);
      setCodes(result.recoveryCodes);
    } catch (err) {
      setError(fieldErrors(err).code ?? errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (codes) {
    return (
      <section aria-labelledby="recovery-title">
        <h2 id="recovery-title">{t('signIn.recoveryTitle')}</h2>
        <p>{t('signIn.recoveryIntro')}</p>
        <ul className="recovery-codes" data-testid="recovery-codes">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <Button type="primary" onClick={() => void refresh()}>
          {t('signIn.recoveryDone')}
        </Button>
      </section>
    );
  }

  return (
    <section aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('signIn.enrolTitle')}</h2>
      <p>{t('signIn.enrolIntro')}</p>
      {!setup ? (
        <>
          <FormError message={error} />
          <div className="button-row">
            <Button type="primary" onClick={() => void start()} loading={busy}>
              {t('signIn.enrolStart')}
            </Button>
            <Button onClick={() => void signOut()}>{t('signIn.cancel')}</Button>
          </div>
        </>
      ) : (
        <form onSubmit={confirm} noValidate aria-label={t('signIn.enrolTitle')}>
          <div className="enrol-grid">
            <QRCode value={setup.otpauthUri} type="svg" size={176} aria-label={t('signIn.qrLabel')} />
            <div>
              <p>{t('signIn.secretLabel')}</p>
              <code className="secret" data-testid="totp-secret">
                {setup.secret}
              </code>
              <details>
                <summary>{t('signIn.uriLabel')}</summary>
                <code className="secret">{setup.otpauthUri}</code>
              </details>
            </div>
          </div>
          <CodeField value={code} onChange={setCode} error={error} />
          <div className="button-row">
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('signIn.enrolConfirm')}
            </Button>
            <Button onClick={() => void signOut()}>{t('signIn.cancel')}</Button>
          </div>
        </form>
      )}
    </section>
  );
}
