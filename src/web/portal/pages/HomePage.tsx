import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCategories, usePublicConfig } from '../data.js';

const STEPS = ['received', 'routed', 'verified', 'decided', 'answered'] as const;
const PROTECTIONS = ['anonymous', 'sealed', 'code', 'law'] as const;

export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { categories, error, reload } = useCategories();
  const config = usePublicConfig();
  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <div className="hero-actions">
          <Button type="primary" size="large" onClick={() => navigate('/report')}>
            {t('home.reportNow')}
          </Button>
          <Button size="large" onClick={() => navigate('/check')}>
            {t('home.checkReport')}
          </Button>
        </div>
        <p className="hero-contact">
          {t('home.orContact')}{' '}
          {config.data && (
            <>
              <a href={`tel:${config.data.hotline}`}>{config.data.hotline}</a>
              <span className="sep" aria-hidden="true">
                ·
              </span>
              <a href={`mailto:${config.data.reportEmail}`}>{config.data.reportEmail}</a>
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="what-title">
        <h2 id="what-title">{t('home.what.title')}</h2>
        <p>{t('home.what.lead')}</p>
        {error && (
          <Alert
            type="error"
            title={error.message}
            action={
              <Button size="small" onClick={reload}>
                {t('common:retry')}
              </Button>
            }
          />
        )}
        <ul className="category-grid">
          {categories?.map((c) => (
            <li key={c.code} className="category-card">
              <h3>{c.name}</h3>
              <p>{c.definition}</p>
              <p className="muted">{c.examples}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how-title">
        <h2 id="how-title">{t('home.how.title')}</h2>
        <ol className="process">
          {STEPS.map((s) => (
            <li key={s}>
              <strong>{t(`home.how.${s}.title`)}</strong>
              <span>{t(`home.how.${s}.text`)}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="safe-title">
        <h2 id="safe-title">{t('home.safe.title')}</h2>
        <ul className="bullets">
          {PROTECTIONS.map((p) => (
            <li key={p}>{t(`home.safe.${p}`)}</li>
          ))}
        </ul>
        <p>
          <Link to="/privacy">{t('home.safe.more')}</Link>
        </p>
      </section>
    </>
  );
}
