import { useTranslation } from 'react-i18next';
import { FieldGroup } from '../../shared/Field.js';
import { citiesOf, provinces } from '../../shared/regions.js';
import { splitRegion } from './region.js';

interface RegionPickerProps {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  /** A six-digit code, or '' for none. */
  value: string;
  onChange(code: string): void;
}

/**
 * Province and city selects over the same GB/T 2260 data the portal and the hotline form use. The most
 * specific code chosen is the value; the first option of the province select means "none".
 */
export function RegionPicker({ id, legend, hint, error, value, onChange }: RegionPickerProps) {
  const { t, i18n } = useTranslation();
  const { province, city } = splitRegion(value);
  const cities = province ? citiesOf(province, i18n.language) : [];
  return (
    <FieldGroup id={id} legend={legend} hint={hint} error={error}>
      <div className="region-row">
        <label className="sub-label" htmlFor={`${id}-province`}>
          {t('region.province')}
        </label>
        <select
          id={`${id}-province`}
          className="native-select"
          value={province}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{t('region.none')}</option>
          {provinces(i18n.language).map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
        {cities.length > 0 && (
          <>
            <label className="sub-label" htmlFor={`${id}-city`}>
              {t('region.city')}
            </label>
            <select
              id={`${id}-city`}
              className="native-select"
              value={city}
              onChange={(e) => onChange(e.target.value || province)}
            >
              <option value="">{t('region.wholeProvince')}</option>
              {cities.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <p className="muted region-code">
        {value ? t('region.code', { code: value }) : t('region.noneChosen')}
      </p>
    </FieldGroup>
  );
}
