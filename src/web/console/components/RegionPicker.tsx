import { useTranslation } from 'react-i18next';
import { FieldGroup } from '../../shared/Field.js';
import { RegionSelect } from '../../shared/RegionSelect.js';
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
  return (
    <FieldGroup id={id} legend={legend} hint={hint} error={error}>
      <RegionSelect
        id={id}
        lang={i18n.language}
        province={province}
        city={city}
        labels={{
          province: t('region.province'),
          city: t('region.city'),
          chooseProvince: t('region.none'),
          chooseCity: t('region.wholeProvince'),
        }}
        onChange={(p, c) => onChange(c || p)}
      />
      <p className="muted region-code">
        {value ? t('region.code', { code: value }) : t('region.noneChosen')}
      </p>
    </FieldGroup>
  );
}
