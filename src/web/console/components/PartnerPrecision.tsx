import { useTranslation } from 'react-i18next';
import type { TPartner } from '../types.js';

const BAR = { display: 'inline-block', width: 80, height: 8, background: '#e8e8e8', borderRadius: 4 };

/**
 * A partner's precision: the share of its decided reports found substantiated (partly substantiated counts
 * half, as the server computes it), as a percentage with the counts and a small bar (the bar repeats the
 * number, so screen readers skip it).
 */
export function PartnerPrecision({ partner }: { partner: TPartner }) {
  const { t, i18n } = useTranslation();
  const { precision, decided, substantiated, partly } = partner;
  if (precision === null) return <span className="muted">{t('partners.precision.none')}</span>;
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(
    precision,
  );
  return (
    <span data-testid="partner-precision">
      <strong>{percent}</strong>{' '}
      <span aria-hidden="true" style={{ ...BAR, verticalAlign: 'middle' }}>
        <span
          style={{
            display: 'block',
            height: '100%',
            width: `${Math.round(Math.min(1, Math.max(0, precision)) * 100)}%`,
            background: '#0b5cad',
            borderRadius: 4,
          }}
        />
      </span>
      <br />
      <span className="muted">
        {t('partners.precision.counts', { substantiated, decided })}
        {partly > 0 && ` ${t('partners.precision.partly', { partly })}`}
      </span>
    </span>
  );
}
