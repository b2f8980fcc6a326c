import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Route, Routes } from 'react-router';
import { appTheme, LanguageSwitch, Loading, useFocusOnNavigate } from '../shared/shell.js';
import { usePublicConfig } from './data.js';
import { HomePage } from './pages/HomePage.js';

const ReportPage = lazy(() => import('./pages/report/ReportPage.js'));
const ReceiptPage = lazy(() => import('./pages/ReceiptPage.js'));
const CheckPage = lazy(() => import('./pages/CheckPage.js'));
const ContentPage = lazy(() => import('./pages/ContentPage.js'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.js'));

const THEME = appTheme({ fontSize: 16 });

export function App() {
  const { t, i18n } = useTranslation();
  const config = usePublicConfig();
  useFocusOnNavigate();
  useEffect(() => {
    document.title = t('app.title');
  }, [t]);
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={THEME}
      button={{ autoInsertSpace: false }}
    >
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              清
            </span>
            <span className="brand-name">{t('app.name')}</span>
          </Link>
          <nav aria-label={t('nav.label')} className="site-nav">
            <NavLink to="/report">{t('nav.report')}</NavLink>
            <NavLink to="/check">{t('nav.check')}</NavLink>
            <NavLink to="/guide">{t('nav.guide')}</NavLink>
            <NavLink to="/faq">{t('nav.faq')}</NavLink>
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="container site-main">
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/report" element={<ReportPage />} />
            <Route path="/report/receipt" element={<ReceiptPage />} />
            <Route path="/check" element={<CheckPage />} />
            <Route path="/guide" element={<ContentPage name="guide" />} />
            <Route path="/faq" element={<ContentPage name="faq" />} />
            <Route path="/privacy" element={<ContentPage name="privacy" />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          <p>
            {t('footer.hotline')}{' '}
            {config.data ? <a href={`tel:${config.data.hotline}`}>{config.data.hotline}</a> : '…'}
            <span className="sep" aria-hidden="true">
              ·
            </span>
            {t('footer.email')}{' '}
            {config.data ? <a href={`mailto:${config.data.reportEmail}`}>{config.data.reportEmail}</a> : '…'}
          </p>
          <p>
            <Link to="/privacy">{t('nav.privacy')}</Link>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <Link to="/guide">{t('nav.guide')}</Link>
            <span className="sep" aria-hidden="true">
              ·
            </span>
            <Link to="/faq">{t('nav.faq')}</Link>
          </p>
          <p className="muted">{t('footer.note')}</p>
        </div>
      </footer>
    </ConfigProvider>
  );
}
