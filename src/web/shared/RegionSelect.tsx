import { citiesOf, provinces } from './regions.js';

export interface TRegionLabels {
  province: string;
  city: string;
  chooseProvince: string;
  chooseCity: string;
}

/**
 * Province, then (when it has any) city, as two native selects: the portal's report form and the hotline
 * operator's form. Choosing another province clears the city.
 */
export function RegionSelect({
  lang,
  province,
  city,
  labels,
  onChange,
}: {
  lang: string;
  province: string;
  city: string;
  labels: TRegionLabels;
  onChange(province: string, city: string): void;
}) {
  const cities = province ? citiesOf(province, lang) : [];
  return (
    <div className="region-row">
      <label className="sub-label" htmlFor="region-province">
        {labels.province}
      </label>
      <select
        id="region-province"
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
          <label className="sub-label" htmlFor="region-city">
            {labels.city}
          </label>
          <select
            id="region-city"
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
