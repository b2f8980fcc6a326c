import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../shared/api.js';

export interface TQuestion {
  key: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'boolean' | 'select' | 'multiselect' | 'url';
  required: boolean;
  label: string;
  help?: string;
  options?: { value: string; label: string }[];
  maxLength?: number;
  min?: number;
  max?: number;
}

export interface TCategory {
  code: string;
  parentCode: string | null;
  name: string;
  definition: string;
  examples: string;
  questionnaire: TQuestion[];
}

export interface TPublicConfig {
  hotline: string;
  reportEmail: string;
  evidence: { maxFileBytes: number; maxFiles: number; maxTotalBytes: number; accept: string[] };
}

type TLoad<T> = { data?: T; error?: ApiError; reload: () => void };

function useLoad<T>(path: string, language: string, cache: Map<string, T>): TLoad<T> {
  const key = `${language} ${path}`;
  const [state, setState] = useState<{ data?: T; error?: ApiError }>(() => ({ data: cache.get(key) }));
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` changes on a retry
  useEffect(() => {
    const cached = cache.get(key);
    if (cached) {
      setState({ data: cached });
      return;
    }
    let live = true;
    setState({});
    api<T>(path).then(
      (data) => {
        cache.set(key, data);
        if (live) setState({ data });
      },
      (error: ApiError) => live && setState({ error }),
    );
    return () => {
      live = false;
    };
  }, [key, path, cache, attempt]);
  return { ...state, reload: () => setAttempt((n) => n + 1) };
}

const categoryCache = new Map<string, { categories: TCategory[] }>();
const configCache = new Map<string, TPublicConfig>();

/** Report categories with their questionnaires, in the UI language. */
export function useCategories() {
  const { i18n } = useTranslation();
  const load = useLoad('/api/v1/categories', i18n.language, categoryCache);
  return { ...load, categories: load.data?.categories };
}

/** Hotline, report e-mail address and evidence limits (language-independent). */
export function usePublicConfig() {
  return useLoad<TPublicConfig>('/api/v1/public/config', '', configCache);
}

/** A byte count for people: "20 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
