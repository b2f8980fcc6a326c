/**
 * A value loaded on demand and kept for `ttlMs` in this process — an optimisation only (reference data read
 * on every request): every instance re-reads within `ttlMs` of an edit, and `invalidate` forces it here.
 * A failed load is not kept.
 */
export function cachedLoader<T>(load: () => Promise<T>, ttlMs: number) {
  let cached: { at: number; value: Promise<T> } | undefined;
  return {
    get(): Promise<T> {
      if (!cached || Date.now() - cached.at > ttlMs) {
        const value = load();
        const entry = { at: Date.now(), value };
        cached = entry;
        value.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.value;
    },
    invalidate(): void {
      cached = undefined;
    },
  };
}
