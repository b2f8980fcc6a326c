import { Button, Input } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import type { TPartner } from '../types.js';
import { PartnerNameAndTrust } from './PartnerFields.js';

/** The change a form makes: only what differs from the partner (a repeated webhook URL would get a new secret). */
export function partnerChange(
  partner: Pick<TPartner, 'name' | 'trusted' | 'webhookUrl'>,
  form: { name: string; trusted: boolean; webhookUrl: string },
): { name?: string; trusted?: boolean; webhookUrl?: string | null } {
  const change: { name?: string; trusted?: boolean; webhookUrl?: string | null } = {};
  if (form.name.trim() !== partner.name) change.name = form.name.trim();
  if (form.trusted !== partner.trusted) change.trusted = form.trusted;
  const url = form.webhookUrl.trim() || null;
  if (url !== partner.webhookUrl) change.webhookUrl = url;
  return change;
}

/** Edits a partner's name, trusted-flagger status and webhook URL; a new URL's signing secret goes to `onSecret`. */
export function PartnerEditForm({
  partner,
  onSaved,
}: {
  partner: TPartner;
  onSaved(webhookSecret: string | undefined): Promise<void>;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    name: partner.name,
    trusted: partner.trusted,
    webhookUrl: partner.webhookUrl ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setFormError(undefined);
    const change = partnerChange(partner, v);
    if (Object.keys(change).length === 0) {
      setErrors({});
      setFormError(t('partners.edit.nothing'));
      return;
    }
    setBusy(true);
    try {
      const result = await staffApi<{ webhookSecret?: string }>(`/admin/partners/${partner.id}`, {
        method: 'PATCH',
        body: change,
      });
      setErrors({});
      await onSaved(result?.webhookSecret);
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="edit-title" className="panel">
      <h2 id="edit-title">{t('partners.edit.title')}</h2>
      <form onSubmit={submit} noValidate aria-labelledby="edit-title" className="partner-form">
        <FormError message={formError} />
        <PartnerNameAndTrust
          idPrefix="partner"
          name={v.name}
          trusted={v.trusted}
          nameError={errors.name}
          onChange={(change) => setV((x) => ({ ...x, ...change }))}
        />
        <Field
          id="partner-webhook"
          label={t('partners.field.webhookUrl')}
          hint={t('partners.field.webhookHint')}
          error={errors.webhookUrl}
        >
          {(c) => (
            <Input
              {...c}
              type="url"
              inputMode="url"
              value={v.webhookUrl}
              maxLength={2000}
              placeholder="https://"
              onChange={(e) => setV((x) => ({ ...x, webhookUrl: e.target.value }))}
            />
          )}
        </Field>
        <Button type="primary" htmlType="submit">
          {t('partners.edit.save')}
        </Button>
      </form>
    </section>
  );
}
