import { Spin } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

/** The antd theme of both apps: the centre's blue, with hover and pressed states that keep WCAG AA on white. */
export function appTheme(overrides: Record<string, string | number>) {
  return {
    token: {
      colorPrimary: '#0b5cad',
      colorLink: '#0b5cad',
      // Hover and pressed states darker, not lighter: antd's derived lighter blues fall below WCAG AA on white.
      colorPrimaryHover: '#084a8c',
      colorLinkHover: '#084a8c',
      colorPrimaryActive: '#063a6e',
      colorLinkActive: '#063a6e',
      // WCAG AA contrast for secondary text (counts, descriptions) on white.
      colorTextDescription: '#595959',
      colorTextTertiary: '#595959',
      borderRadius: 6,
      ...overrides,
    },
  };
}

/** Switches between zh-CN and en (the other language's name, in that language). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      type="button"
      className="lang-switch"
      lang={next}
      onClick={() => void i18n.changeLanguage(next)}
      aria-label={t('common:language.switchTo')}
    >
      {t('common:language.other')}
    </button>
  );
}

/**
 * After client-side navigation: back to the top, and focus on the main heading (screen readers announce the new
 * page). Not on the first render: focus stays where the browser put it.
 */
export function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const target = document.querySelector<HTMLElement>('main h1') ?? document.getElementById('main');
    target?.setAttribute('tabindex', '-1');
    target?.focus();
  }, [location.pathname]);
}

/** What a lazily loaded page shows while it loads (announced as a status). */
export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spin />
      <span className="visually-hidden">{t('common:loading')}</span>
    </div>
  );
}
