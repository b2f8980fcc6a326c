import { useTranslation } from 'react-i18next';

/** The trusted-flagger checkbox with its explanation (registration and edit forms). */
export function TrustedField({
  id,
  checked,
  onChange,
}: {
  id: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label className="check">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {t('partners.field.trusted')}
      </label>
      <div id={`${id}-hint`} className="field-hint">
        {t('partners.field.trustedHint')}
      </div>
    </div>
  );
}
