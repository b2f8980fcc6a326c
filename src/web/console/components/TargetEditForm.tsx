import { Button } from 'antd';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldGroup, FormError } from '../../shared/Field.js';
import { errorMessage, fieldErrors, staffApi } from '../api.js';
import type { TTarget, TTargetStatus } from '../types.js';
import { RegionPicker } from './RegionPicker.js';

export const TARGET_STATUSES: TTargetStatus[] = ['unverified', 'confirmed_harmful', 'cleared'];

/** A target's status as a labelled tag (the text says it; colour only repeats it). */
export function TargetStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`state-tag target-status-${status}`} data-testid="target-status">
      {t(`targets.status.${status}`, status)}
    </span>
  );
}

interface TargetEditFormProps {
  id: string;
  target: TTarget;
  onSaved(): void;
  onCancel(): void;
}

/** Supervisors: a target's status and known location (two audited calls, only for what changed). */
export function TargetEditForm({ id, target, onSaved, onCancel }: TargetEditFormProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TTargetStatus>(target.status);
  const [region, setRegion] = useState(target.regionCode ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (region && !/^\d{6}$/.test(region)) {
      setErrors({ regionCode: t('targets.edit.badRegion') });
      return;
    }
    setBusy(true);
    setErrors({});
    setFormError(undefined);
    try {
      if (status !== target.status) {
        await staffApi('/targets/status', { method: 'PUT', body: { key: target.key, status } });
      }
      if (region !== (target.regionCode ?? '')) {
        await staffApi('/targets/location', {
          method: 'PUT',
          body: { key: target.key, regionCode: region || null },
        });
      }
      onSaved();
    } catch (err) {
      setErrors(fieldErrors(err));
      setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const titleId = `${id}-title`;
  return (
    <form id={id} className="inline-form" onSubmit={submit} aria-labelledby={titleId} noValidate>
      <h2 id={titleId} className="inline-form-title">
        {t('targets.edit.title')} <code className="target-value">{target.normalized}</code>
      </h2>
      <FormError message={formError} />
      <FieldGroup
        id={`${id}-status`}
        legend={t('targets.col.status')}
        hint={t('targets.edit.statusHint')}
        error={errors.status}
      >
        {TARGET_STATUSES.map((s) => (
          <label key={s} className="radio">
            <input
              type="radio"
              name={`${id}-status`}
              value={s}
              checked={status === s}
              onChange={() => setStatus(s)}
            />{' '}
            {t(`targets.status.${s}`)}
          </label>
        ))}
      </FieldGroup>
      <RegionPicker
        id={`${id}-region`}
        legend={t('targets.col.location')}
        hint={t('targets.edit.locationHint')}
        error={errors.regionCode}
        value={region}
        onChange={setRegion}
      />
      <div className="button-row">
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('targets.edit.save')}
        </Button>
        <Button onClick={onCancel}>{t('form.cancel')}</Button>
      </div>
    </form>
  );
}
