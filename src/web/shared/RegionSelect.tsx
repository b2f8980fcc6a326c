import { citiesOf, provinces } from './regions.js';

export interface TRegionLabels {
  province: string;
  city: string;
  chooseProvince: string;
  chooseCity: string;
}

/**
 * Province, then (when it has any) city, as two native selects (`<id>-province`, `<id>-city`): the portal's
 * report form, the hotline operator's form and the console's region picker. Choosing another province clears
 * the city.
 */
export function RegionSelect({
  id = 'region',
  lang,
  province,
  city,
  labels,
  onChange,
}: {
  id?: string;
  lang: string;
  province: string;
  city: string;
  labels: TRegionLabels;
  onChange(province: string, city: string): void;
}) {
  const cities = province ? citiesOf(province, lang) : [];
  return (
    <div className="region-row">
      <label className="sub-label" htmlFor={`${id}-province`}>
        {labels.province}
      </label>
      <select
        id={`${id}-province`}
        className="native-select"
        value={province}
        onChange={(e) => onChange(e.target.value, '')}
      >
        <option value="">{labels.chooseProvince}</option>
        {provinces(lang).map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </select>
      {cities.length > 0 && (
        <>
          <label className="sub-label" htmlFor={`${id}-city`}>
            {labels.city}
          </label>
          <select
            id={`${id}-city`}
            className="native-select"
            value={city}
            onChange={(e) => onChange(province, e.target.value)}
          >
            <option value="">{labels.chooseCity}</option>
            {cities.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}
