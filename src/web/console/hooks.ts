import { type Dispatch, type SetStateAction, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, staffApi } from './api.js';
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

/** A keyset-paged list (see `usePagedList`). */
export interface TPagedList<T> {
  items: T[];
  /** For changes made on the page (e.g. one row read again). */
  setItems: Dispatch<SetStateAction<T[]>>;
  /** The cursor of the next page, or null at the end. */
  next: string | null;
  loading: boolean;
  error: string | undefined;
  setError: (message: string | undefined) => void;
  /** Appends the next page. */
  loadMore(): Promise<void>;
}

/**
 * The first page of `path()` (again whenever `path` or the UI language changes; an answer that comes back after
 * a newer request started is dropped), then `loadMore` appends `path(next)`. `pageOf` reads a page's items and
 * next cursor from the answer.
 */
export function usePagedList<P, T>(
  path: (cursor?: string) => string,
  pageOf: (page: P) => { items: T[]; next: string | null },
): TPagedList<T> {
  const { i18n } = useTranslation();
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload when the query or the language changes
  useEffect(() => {
    let live = true;
    setLoading(true);
    staffApi<P>(path())
      .then((answer) => {
        if (!live) return;
        const page = pageOf(answer);
        setItems(page.items);
        setNext(page.next);
        setError(undefined);
      })
      .catch((err) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [path, i18n.language]);

  const loadMore = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const page = pageOf(await staffApi<P>(path(next)));
      setItems((prev) => [...prev, ...page.items]);
      setNext(page.next);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  return { items, setItems, next, loading, error, setError, loadMore };
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
