import i18next, { type i18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { configureApi } from './api.js';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type TLanguage = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'qinglang.language';

function initialLanguage(): TLanguage {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // storage unavailable (private mode): use the default
  }
  return 'zh-CN';
}

/**
 * Sets up i18next for one web app: the shared strings (`common:`) plus the app's own namespace, zh-CN by
 * default (or the language chosen before), en complete. The API client sends the UI language as
 * Accept-Language, so the server's messages come back in it.
 */
export async function setUpI18n(app: { ns: string; 'zh-CN': object; en: object }): Promise<i18n> {
  const resources: Resource = {
    'zh-CN': { common: zhCN, [app.ns]: app['zh-CN'] as Record<string, unknown> },
    en: { common: en, [app.ns]: app.en as Record<string, unknown> },
  };
  await i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: false,
    ns: ['common', app.ns],
    defaultNS: app.ns,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const apply = (lng: string) => {
    document.documentElement.lang = lng;
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // ignore
    }
  };
  apply(i18next.language);
  i18next.on('languageChanged', apply);
  configureApi({ language: () => i18next.language, networkMessage: () => i18next.t('common:error.network') });
  return i18next;
}
