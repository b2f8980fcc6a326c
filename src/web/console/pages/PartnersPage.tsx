import { Button, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Field, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import { PartnerDeliveries } from '../components/PartnerDeliveries.js';
import { PartnerEditForm } from '../components/PartnerDetail.js';
import { PartnerNameAndTrust } from '../components/PartnerFields.js';
import { PartnerKeys } from '../components/PartnerKeys.js';
import { PartnerPrecision } from '../components/PartnerPrecision.js';
import { PartnerSecretDialog, type TShownSecret } from '../components/PartnerSecretDialog.js';
import { dateTime } from '../format.js';
import { useLoad, useTitle } from '../hooks.js';
import type { TPartner } from '../types.js';

const activeKeys = (p: TPartner) => p.keys.filter((k) => !k.revokedAt).length;

/**
 * Partner organisations and trusted flaggers (administrators, `partners.manage`): the list with precision,
 * registration, and one partner's settings, API keys and outcome webhook deliveries (`/partners/:id`).
 */
export default function PartnersPage() {
  const { id } = useParams();
  const { data, error, reload } = useLoad<{ partners: TPartner[] }>('/admin/partners');
  return id ? (
    <PartnerView key={id} id={id} partners={data?.partners} error={error} reload={reload} />
  ) : (
    <PartnerList partners={data?.partners} error={error} reload={reload} />
  );
}

interface TViewProps {
  partners: TPartner[] | undefined;
  error: Error | undefined;
  reload(): Promise<void>;
}

function PartnerList({ partners, error, reload }: TViewProps) {
  const { t } = useTranslation();
  useTitle(t('partners.title'));
  return (
    <>
      <h1>{t('partners.title')}</h1>
      <p className="muted">{t('partners.intro')}</p>
      <FormError message={error?.message} />
      {partners && <Partners partners={partners} reload={reload} />}
    </>
  );
}

/** The list and the registration form, once the list has loaded (not for staff the server refuses). */
function Partners({ partners, reload }: { partners: TPartner[]; reload(): Promise<void> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <h2 id="partners-list">{t('partners.list')}</h2>
      {partners.length === 0 && <p className="empty">{t('partners.empty')}</p>}
      {partners.length > 0 && (
        <div className="table-wrap" style={{ marginBottom: 16 }}>
          <table className="data-table" aria-labelledby="partners-list" data-testid="partners">
            <thead>
              <tr>
                <th scope="col">{t('partners.field.code')}</th>
                <th scope="col">{t('partners.field.name')}</th>
                <th scope="col">{t('partners.col.trusted')}</th>
                <th scope="col">{t('partners.field.webhookUrl')}</th>
                <th scope="col">{t('partners.col.reports')}</th>
                <th scope="col">{t('partners.col.precision')}</th>
                <th scope="col">{t('partners.col.keys')}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.id} data-testid="partner-row" data-code={p.code}>
                  <th scope="row">
                    <Link to={`/partners/${p.id}`} aria-label={t('partners.open', { name: p.name })}>
                      <code>{p.code}</code>
                    </Link>
                  </th>
                  <td>{p.name}</td>
                  <td>{p.trusted ? <strong>{t('partners.trusted')}</strong> : t('common:no')}</td>
                  <td className="target-value">{p.webhookUrl ?? <span className="muted">—</span>}</td>
                  <td data-testid="partner-reports">{p.reports}</td>
                  <td>
                    <PartnerPrecision partner={p} />
                  </td>
                  <td data-testid="partner-keys-count">
                    {t('partners.keysCount', { active: activeKeys(p), total: p.keys.length })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CreatePartner
        onCreated={async (id, name) => {
          await reload();
          navigate(`/partners/${id}`, { state: { created: name } });
        }}
      />
    </>
  );
}

function CreatePartner({ onCreated }: { onCreated(id: string, name: string): Promise<void> }) {
  const { t } = useTranslation();
  const [v, setV] = useState({ code: '', name: '', trusted: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFormError(undefined);
    setBusy(true);
    try {
      const { id } = await staffApi<{ id: string }>('/admin/partners', {
        body: { code: v.code.trim(), name: v.name.trim(), trusted: v.trusted },
      });
      setErrors({});
      await onCreated(id, v.name.trim());
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="partner-create-title" className="panel narrow">
      <h2 id="partner-create-title">{t('partners.create')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby="partner-create-title">
        <FormError message={formError} />
        <Field
          id="new-partner-code"
          label={t('partners.field.code')}
          hint={t('partners.field.codeHint')}
          error={errors.code}
          required
        >
          {(c) => (
            <Input
              {...c}
              value={v.code}
              maxLength={40}
              autoComplete="off"
              onChange={(e) => setV((x) => ({ ...x, code: e.target.value }))}
            />
          )}
        </Field>
        <PartnerNameAndTrust
          idPrefix="new-partner"
          name={v.name}
          trusted={v.trusted}
          nameError={errors.name}
          onChange={(change) => setV((x) => ({ ...x, ...change }))}
        />
        <Button type="primary" htmlType="submit">
          {t('partners.create')}
        </Button>
      </form>
    </section>
  );
}

function PartnerView({ id, partners, error, reload }: TViewProps & { id: string }) {
  const { t, i18n } = useTranslation();
  const partner = partners?.find((p) => p.id === id);
  useTitle(partner?.name ?? t('partners.title'));
  const created = (useLocation().state as { created?: string } | null)?.created;
  const [status, setStatus] = useState(created ? t('partners.created', { name: created }) : undefined);
  const [secret, setSecret] = useState<TShownSecret>();
  const [deliveriesVersion, setDeliveriesVersion] = useState(0);

  if (!partner) {
    return (
      <>
        <p className="back">
          <Link to="/partners">{t('partners.back')}</Link>
        </p>
        <h1>{t('partners.title')}</h1>
        <FormError message={error?.message ?? (partners ? t('partners.notFound') : undefined)} />
      </>
    );
  }

  const changed = async (message: string) => {
    setStatus(message);
    await reload();
  };

  return (
    <>
      <p className="back">
        <Link to="/partners">{t('partners.back')}</Link>
      </p>
      <h1>
        {partner.name} <span className="muted">({partner.code})</span>
      </h1>
      <div role="status" className="status-line" data-testid="partner-status">
        {status}
      </div>
      <FormError message={error?.message} />
      <dl className="facts" data-testid="partner-facts">
        <div>
          <dt>{t('partners.col.trusted')}</dt>
          <dd>{partner.trusted ? t('partners.trusted') : t('common:no')}</dd>
        </div>
        <div>
          <dt>{t('partners.col.reports')}</dt>
          <dd data-testid="partner-reports">{partner.reports}</dd>
        </div>
        <div>
          <dt>{t('partners.col.precision')}</dt>
          <dd>
            <PartnerPrecision partner={partner} />
          </dd>
        </div>
        <div>
          <dt>{t('partners.col.keys')}</dt>
          <dd>{t('partners.keysCount', { active: activeKeys(partner), total: partner.keys.length })}</dd>
        </div>
        <div>
          <dt>{t('partners.col.created')}</dt>
          <dd>{dateTime(partner.createdAt, i18n.language)}</dd>
        </div>
      </dl>
      <Button
        onClick={() => {
          setStatus(undefined);
          setDeliveriesVersion((n) => n + 1);
          void reload();
        }}
      >
        {t('partners.refresh')}
      </Button>
      <PartnerEditForm
        key={partner.id}
        partner={partner}
        onSaved={async (webhookSecret) => {
          if (webhookSecret) setSecret({ kind: 'webhook', partnerName: partner.name, value: webhookSecret });
          await changed(t('partners.edit.saved', { name: partner.name }));
        }}
      />
      <PartnerKeys
        partner={partner}
        onCreated={async (key) => {
          setSecret({ kind: 'key', partnerName: partner.name, value: key.key });
          await changed(t('partners.keys.created', { prefix: key.prefix }));
        }}
        onChanged={changed}
      />
      <PartnerDeliveries key={deliveriesVersion} partnerId={partner.id} />
      <PartnerSecretDialog secret={secret} onClose={() => setSecret(undefined)} />
    </>
  );
}
