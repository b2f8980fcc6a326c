import { Button, Input, Modal } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FieldGroup, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import { dateTime } from '../format.js';
import type { TPartner, TPartnerKey, TPartnerKeyCreated } from '../types.js';

/** The scopes a key may hold (the server's PARTNER_SCOPES). */
export const PARTNER_SCOPES = ['submit', 'outcomes'] as const;

/** A partner's API keys: create one (its secret goes to `onCreated`, shown once), list them, revoke one. */
export function PartnerKeys({
  partner,
  onCreated,
  onChanged,
}: {
  partner: TPartner;
  onCreated(key: TPartnerKeyCreated): Promise<void>;
  onChanged(message: string): Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const [revoking, setRevoking] = useState<TPartnerKey>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const revoke = async () => {
    if (!revoking || busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await staffApi(`/admin/partners/${partner.id}/keys/${revoking.id}/revoke`, {
        method: 'POST',
        body: {},
      });
      const prefix = revoking.prefix;
      setRevoking(undefined);
      await onChanged(t('partners.keys.revoked', { prefix }));
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="keys-title" className="panel">
      <h2 id="keys-title">{t('partners.keys.title')}</h2>
      <p className="muted">{t('partners.keys.intro')}</p>
      <CreateKey partnerId={partner.id} onCreated={onCreated} />
      <FormError message={failure} />
      {partner.keys.length === 0 ? (
        <p className="empty">{t('partners.keys.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="partner-keys">
            <caption className="visually-hidden">{t('partners.keys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partners.keys.prefix')}</th>
                <th scope="col">{t('partners.keys.scopes')}</th>
                <th scope="col">{t('partners.keys.rate')}</th>
                <th scope="col">{t('partners.keys.createdAt')}</th>
                <th scope="col">{t('partners.keys.lastUsed')}</th>
                <th scope="col">{t('partners.keys.state')}</th>
              </tr>
            </thead>
            <tbody>
              {partner.keys.map((k) => (
                <tr key={k.id} data-testid="partner-key" data-prefix={k.prefix}>
                  <th scope="row">
                    <code>{k.prefix}…</code>
                  </th>
                  <td>
                    {k.scopes
                      .map((s) => t(`partners.scope.${s}`, { defaultValue: s }))
                      .join(t('partners.separator'))}
                  </td>
                  <td>{t('partners.keys.perMinute', { n: k.rateLimit })}</td>
                  <td>{dateTime(k.createdAt, i18n.language)}</td>
                  <td data-testid="key-last-used">
                    {k.lastUsedAt ? dateTime(k.lastUsedAt, i18n.language) : t('partners.keys.never')}
                  </td>
                  <td>
                    {k.revokedAt ? (
                      <span data-testid="key-revoked">
                        {t('partners.keys.revokedAt', { at: dateTime(k.revokedAt, i18n.language) })}
                      </span>
                    ) : (
                      <Button
                        danger
                        size="small"
                        aria-label={t('partners.keys.revokeLabel', { prefix: k.prefix })}
                        onClick={() => setRevoking(k)}
                      >
                        {t('partners.keys.revoke')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Modal
        open={!!revoking}
        title={t('partners.keys.confirmTitle', { prefix: revoking?.prefix ?? '' })}
        okText={t('partners.keys.confirm')}
        cancelText={t('partners.cancel')}
        okButtonProps={{ danger: true }}
        onOk={() => void revoke()}
        onCancel={() => setRevoking(undefined)}
        destroyOnHidden
      >
        <p>{t('partners.keys.confirmText', { name: partner.name })}</p>
      </Modal>
    </section>
  );
}

function CreateKey({
  partnerId,
  onCreated,
}: {
  partnerId: string;
  onCreated(key: TPartnerKeyCreated): Promise<void>;
}) {
  const { t } = useTranslation();
  const [scopes, setScopes] = useState<string[]>([...PARTNER_SCOPES]);
  const [rate, setRate] = useState('60');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFormError(undefined);
    const rateLimit = Number(rate);
    if (!/^\d+$/.test(rate.trim()) || rateLimit < 1 || rateLimit > 100_000) {
      setErrors({ rateLimit: t('partners.keys.rateInvalid') });
      return;
    }
    if (scopes.length === 0) {
      setErrors({ scopes: t('partners.keys.scopesRequired') });
      return;
    }
    setBusy(true);
    try {
      const created = await staffApi<TPartnerKeyCreated>(`/admin/partners/${partnerId}/keys`, {
        body: { scopes, rateLimit },
      });
      setErrors({});
      await onCreated(created);
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="key-create-title" className="panel narrow">
      <h3 id="key-create-title">{t('partners.keys.create')}</h3>
      <FormError message={formError} />
      <FieldGroup id="key-scopes" legend={t('partners.keys.scopes')} error={errors.scopes} required>
        <div className="checks">
          {PARTNER_SCOPES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                id={`key-scope-${s}`}
                checked={scopes.includes(s)}
                onChange={(e) => setScopes((v) => (e.target.checked ? [...v, s] : v.filter((x) => x !== s)))}
              />{' '}
              {t(`partners.scope.${s}`)}
            </label>
          ))}
        </div>
      </FieldGroup>
      <Field
        id="key-rate"
        label={t('partners.keys.rate')}
        hint={t('partners.keys.rateHint')}
        error={errors.rateLimit}
        required
      >
        {(c) => (
          <Input
            {...c}
            type="number"
            inputMode="numeric"
            min={1}
            max={100_000}
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          />
        )}
      </Field>
      <Button type="primary" htmlType="submit">
        {t('partners.keys.create')}
      </Button>
    </form>
  );
}
