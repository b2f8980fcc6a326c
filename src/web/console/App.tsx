import { Button, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes } from 'react-router';
import { appTheme, LanguageSwitch, Loading, useFocusOnNavigate } from '../shared/shell.js';
import { useAuth } from './auth.js';

const SignInPage = lazy(() => import('./pages/SignInPage.js'));
const QueuePage = lazy(() => import('./pages/QueuePage.js'));
const CasePage = lazy(() => import('./case/CasePage.js'));
const DashboardPage = lazy(() => import('./pages/DashboardPage.js'));
const RevealRequestsPage = lazy(() => import('./pages/RevealRequestsPage.js'));
const UsersPage = lazy(() => import('./pages/UsersPage.js'));
const AccountPage = lazy(() => import('./pages/AccountPage.js'));
const HotlinePage = lazy(() => import('./hotline/HotlinePage.js'));
const CallPage = lazy(() => import('./hotline/CallPage.js'));
const TargetsPage = lazy(() => import('./pages/TargetsPage.js'));
const TriageRulesPage = lazy(() => import('./pages/TriageRulesPage.js'));
const PartnersPage = lazy(() => import('./pages/PartnersPage.js'));

const THEME = appTheme({
  colorTextPlaceholder: '#6b6b6b',
  // WCAG AA contrast for danger buttons' text and borders on white.
  colorError: '#c0262d',
  fontSize: 15,
});

function Shell({ children, nav }: { children: ReactNode; nav: boolean }) {
  const { t } = useTranslation();
  const { me, can, signOut } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="console-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              清
            </span>
            <span className="brand-name">{t('app.name')}</span>
          </Link>
          {nav && me && (
            <nav aria-label={t('nav.label')} className="console-nav">
              {can('case.read') && <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink>}
              {can('case.read') && <NavLink to="/cases">{t('nav.cases')}</NavLink>}
              {can('case.read') && <NavLink to="/targets">{t('nav.targets')}</NavLink>}
              {can('case.read') && <NavLink to="/triage-rules">{t('nav.rules')}</NavLink>}
              {can('intake.hotline') && <NavLink to="/hotline">{t('nav.hotline')}</NavLink>}
              {can('reveal.approve') && <NavLink to="/reveal-requests">{t('nav.reveal')}</NavLink>}
              {can('user.manage') && <NavLink to="/users">{t('nav.users')}</NavLink>}
              {can('partners.manage') && <NavLink to="/partners">{t('nav.partners')}</NavLink>}
              <NavLink to="/account">{t('nav.account')}</NavLink>
            </nav>
          )}
          <div className="header-tools">
            <LanguageSwitch />
            {nav && me && (
              <>
                <span className="who" data-testid="who">
                  {me.displayName}
                </span>
                <Button size="small" onClick={() => void signOut()}>
                  {t('nav.signOut')}
                </Button>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="console-main">
        <Suspense fallback={<Loading />}>{children}</Suspense>
      </main>
    </>
  );
}

function Home() {
  const { can } = useAuth();
  if (can('case.read')) return <Navigate to="/cases" replace />;
  if (can('user.manage')) return <Navigate to="/users" replace />;
  return <Navigate to="/account" replace />;
}

export function App() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  useFocusOnNavigate();
  const signedIn = !!me && me.stage === 'full';
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={THEME}
      button={{ autoInsertSpace: false }}
    >
      {me === undefined ? (
        <Shell nav={false}>
          <Loading />
        </Shell>
      ) : !signedIn ? (
        <Shell nav={false}>
          <SignInPage />
        </Shell>
      ) : (
        <Shell nav>
          {me.mustChangePassword && (
            <div className="banner" role="status">
              {t('account.mustChange')} <Link to="/account">{t('account.changeNow')}</Link>
            </div>
          )}
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/dashboard" element={<DashboardPage />} />
            <Route path="/cases" element={<QueuePage />} />
            <Route path="/cases/:id" element={<CasePage />} />
            <Route path="/targets" element={<TargetsPage tab="registry" />} />
            <Route path="/targets/lists" element={<TargetsPage tab="lists" />} />
            <Route path="/triage-rules" element={<TriageRulesPage />} />
            <Route path="/hotline" element={<HotlinePage />} />
            <Route path="/hotline/:id" element={<CallPage />} />
            <Route path="/reveal-requests" element={<RevealRequestsPage />} />
            <Route path="/users" element={<UsersPage />} />
            <Route path="/partners" element={<PartnersPage />} />
            <Route path="/partners/:id" element={<PartnersPage />} />
            <Route path="/account" element={<AccountPage />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Shell>
      )}
    </ConfigProvider>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </>
  );
}
