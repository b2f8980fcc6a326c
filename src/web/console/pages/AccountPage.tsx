import { Button, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, setCsrfToken, staffApi } from '../api.js';
import { useAuth } from '../auth.js';
import { useTitle } from '../hooks.js';

/** The signed-in user's account: who they are, password change, sign-out everywhere. */
export default function AccountPage() {
  const { t } = useTranslation();
  const { me, refresh, signOut } = useAuth();
  useTitle(t('account.title'));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [status, setStatus] = useState<string>();

  const change = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    try {
      const result = await staffApi<{ csrfToken: string }>('/staff/me/password', {
        body: { currentPassword: current, newPassword: next },
      });
      setCsrfToken(result.csrfToken);
      setCurrent('');
      setNext('');
      setErrors({});
      setStatus(t('account.passwordChanged'));
      await refresh();
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
    }
  };

  const everywhere = async () => {
    try {
      await staffApi('/staff/me/sign-out-everywhere', { body: {} });
    } finally {
      await signOut();
    }
  };

  if (!me) return null;
  return (
    <>
      <h1>{t('account.title')}</h1>
      <dl className="facts">
        <div>
          <dt>{t('account.username')}</dt>
          <dd>{me.username}</dd>
        </div>
        <div>
          <dt>{t('account.department')}</dt>
          <dd>{me.departmentCode}</dd>
        </div>
        <div>
          <dt>{t('account.roles')}</dt>
          <dd>{me.roles.map((r) => t(`role.${r}`)).join('、')}</dd>
        </div>
        <div>
          <dt>{t('account.totp')}</dt>
          <dd>{me.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</dd>
        </div>
      </dl>
      <section aria-labelledby="password-title" className="panel narrow">
        <h2 id="password-title">{t('account.changePassword')}</h2>
        <div role="status" className="status-line">
          {status}
        </div>
        <form onSubmit={change} noValidate aria-labelledby="password-title">
          <FormError message={formError} />
          <Field
            id="current-password"
            label={t('account.currentPassword')}
            error={errors.currentPassword}
            required
          >
            {(c) => (
              <Input
                type="password"
                {...c}
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="new-password"
            label={t('account.newPassword')}
            hint={t('account.newPasswordHint')}
            error={errors.newPassword}
            required
          >
            {(c) => (
              <Input
                type="password"
                {...c}
                autoComplete="new-password"
                value={next}
                onChange={(e) => setNext(e.target.value)}
              />
            )}
          </Field>
          <Button type="primary" htmlType="submit">
            {t('account.changePassword')}
          </Button>
        </form>
      </section>
      <section aria-labelledby="sessions-title" className="panel narrow">
        <h2 id="sessions-title">{t('account.sessions')}</h2>
        <p>{t('account.everywhereHint')}</p>
        <Button danger onClick={() => void everywhere()}>
          {t('account.everywhere')}
        </Button>
      </section>
    </>
  );
}
