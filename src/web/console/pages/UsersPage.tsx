import { Button, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FieldGroup, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import { useLoad, useTitle } from '../hooks.js';
import type { TStaffUser } from '../types.js';

const ROLES = ['intake_operator', 'handler', 'supervisor', 'reward_officer', 'editor', 'auditor', 'admin'];

function RoleChecks({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string[];
  onChange(v: string[]): void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <FieldGroup id={id} legend={t('users.roles')} error={error} required>
      <div className="checks">
        {ROLES.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              checked={value.includes(r)}
              onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
            />{' '}
            {t(`role.${r}`)}
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}

/** Administrators: accounts, roles, 2FA reset, password reset, disable/enable. */
export default function UsersPage() {
  const { t } = useTranslation();
  useTitle(t('users.title'));
  const { data, error, reload } = useLoad<{ users: TStaffUser[] }>('/staff/users');
  const [status, setStatus] = useState<string>();
  const [secret, setSecret] = useState<{ username: string; password: string }>();
  const [failure, setFailure] = useState<string>();

  const act = async (user: TStaffUser, path: string, body: unknown = {}, method: 'POST' | 'PUT' = 'POST') => {
    setFailure(undefined);
    setSecret(undefined);
    try {
      const result = await staffApi<{ password?: string }>(`/staff/users/${user.id}/${path}`, {
        method,
        body,
      });
      if (result?.password) setSecret({ username: user.username, password: result.password });
      await reload();
      setStatus(t('users.saved', { username: user.username }));
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  return (
    <>
      <h1>{t('users.title')}</h1>
      <div role="status" className="status-line">
        {status}
      </div>
      <FormError message={failure ?? error?.message} />
      {secret && (
        <div className="notice" data-testid="one-time-password">
          {t('users.oneTimePassword', { username: secret.username })} <code>{secret.password}</code>
        </div>
      )}
      <CreateUser
        onCreated={async (username, password) => {
          if (password) setSecret({ username, password });
          await reload();
          setStatus(t('users.created', { username }));
        }}
      />
      <h2>{t('users.list')}</h2>
      <ul className="card-list">
        {data?.users.map((u) => (
          <UserRow key={u.id} user={u} act={act} />
        ))}
      </ul>
    </>
  );
}

function UserRow({
  user,
  act,
}: {
  user: TStaffUser;
  act: (user: TStaffUser, path: string, body?: unknown, method?: 'POST' | 'PUT') => Promise<void>;
}) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState(user.roles);
  return (
    <li className="panel" data-testid="user-row">
      <h3>
        {user.displayName} <span className="muted">({user.username})</span>
      </h3>
      <p>
        {user.departmentCode} · {user.totpEnabled ? t('account.totpOn') : t('account.totpOff')}
        {user.disabled && (
          <>
            {' · '}
            <strong>{t('users.disabled')}</strong>
          </>
        )}
      </p>
      <details>
        <summary>{t('users.manage')}</summary>
        <RoleChecks id={`roles-${user.id}`} value={roles} onChange={setRoles} />
        <div className="button-row">
          <Button onClick={() => void act(user, 'roles', { roles }, 'PUT')}>{t('users.saveRoles')}</Button>
          <Button onClick={() => void act(user, 'password/reset')}>{t('users.resetPassword')}</Button>
          <Button onClick={() => void act(user, 'totp/reset')}>{t('users.resetTotp')}</Button>
          {user.disabled ? (
            <Button onClick={() => void act(user, 'enable')}>{t('users.enable')}</Button>
          ) : (
            <Button danger onClick={() => void act(user, 'disable')}>
              {t('users.disable')}
            </Button>
          )}
        </div>
      </details>
    </li>
  );
}

function CreateUser({ onCreated }: { onCreated: (username: string, password?: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ username: '', displayName: '', departmentCode: '' });
  const [roles, setRoles] = useState<string[]>(['handler']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFormError(undefined);
    try {
      const result = await staffApi<{ user: TStaffUser; initialPassword?: string }>('/staff/users', {
        body: {
          username: v.username.trim(),
          departmentCode: v.departmentCode.trim(),
          roles,
          ...(v.displayName.trim() ? { displayName: v.displayName.trim() } : {}),
        },
      });
      setV({ username: '', displayName: '', departmentCode: '' });
      setErrors({});
      await onCreated(result.user.username, result.initialPassword);
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
    }
  };

  const input = (name: keyof typeof v, required: boolean) => (
    <Field id={`new-${name}`} label={t(`users.${name}`)} error={errors[name]} required={required}>
      {(c) => (
        <Input {...c} value={v[name]} onChange={(e) => setV((x) => ({ ...x, [name]: e.target.value }))} />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="create-title" className="panel narrow">
      <h2 id="create-title">{t('users.create')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby="create-title">
        <FormError message={formError} />
        {input('username', true)}
        {input('displayName', false)}
        {input('departmentCode', true)}
        <RoleChecks id="new-roles" value={roles} onChange={setRoles} error={errors.roles} />
        <Button type="primary" htmlType="submit">
          {t('users.create')}
        </Button>
      </form>
    </section>
  );
}
