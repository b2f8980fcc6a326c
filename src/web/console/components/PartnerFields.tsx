import { Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Field } from '../../shared/Field.js';

/**
 * The fields the registration and edit forms share: the organisation's name, and the trusted-flagger
 * checkbox with its explanation. Ids are `${idPrefix}-name` and `${idPrefix}-trusted`.
 */
export function PartnerNameAndTrust({
  idPrefix,
  name,
  trusted,
  nameError,
  onChange,
}: {
  idPrefix: string;
  name: string;
  trusted: boolean;
  nameError: string | undefined;
  onChange: (change: { name?: string; trusted?: boolean }) => void;
}) {
  const { t } = useTranslation();
  const trustedId = `${idPrefix}-trusted`;
  return (
    <>
      <Field id={`${idPrefix}-name`} label={t('partners.field.name')} error={nameError} required>
        {(c) => (
          <Input {...c} value={name} maxLength={200} onChange={(e) => onChange({ name: e.target.value })} />
        )}
      </Field>
      <div className="field">
        <label className="check">
          <input
            type="checkbox"
            id={trustedId}
            checked={trusted}
            aria-describedby={`${trustedId}-hint`}
            onChange={(e) => onChange({ trusted: e.target.checked })}
          />{' '}
          {t('partners.field.trusted')}
        </label>
        <div id={`${trustedId}-hint`} className="field-hint">
          {t('partners.field.trustedHint')}
        </div>
      </div>
    </>
  );
}
