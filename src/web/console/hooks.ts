import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staffApi } from './api.js';
import type { TCategory } from './types.js';

export interface TLoad<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): Promise<void>;
}

/** GETs `path` (none while null) and again whenever it or the UI language changes. */
export function useLoad<T>(path: string | null): TLoad<T> {
  const { i18n } = useTranslation();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(path !== null);
  const language = i18n.language;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the language changes server messages
  const reload = useCallback(async () => {
    if (path === null) return;
    setLoading(true);
    try {
      setData(await staffApi<T>(path));
      setError(undefined);
    } catch (err) {
      setError(err as Error);
    } finally {
      setLoading(false);
    }
  }, [path, language]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}

/** Category names in the UI language, by code. */
export function useCategories(): Record<string, string> {
  const { data } = useLoad<{ categories: TCategory[] }>('/categories');
  const names: Record<string, string> = {};
  for (const c of data?.categories ?? []) names[c.code] = c.name;
  return names;
}

/** Sets the document title for a page. */
export function useTitle(title: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
}
