import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, setCsrfToken, staffApi } from './api.js';
import type { TMe } from './types.js';

interface TAuth {
  /** undefined while loading; null when signed out. */
  me: TMe | null | undefined;
  refresh(): Promise<TMe | null>;
  signOut(): Promise<void>;
  can(permission: string): boolean;
}

const AuthContext = createContext<TAuth | null>(null);

/** The signed-in staff member (GET /staff/me), kept with the session's CSRF token. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<TMe | null | undefined>(undefined);

  const refresh = useCallback(async () => {
    try {
      const next = await staffApi<TMe>('/staff/me');
      setCsrfToken(next.csrfToken);
      setMe(next);
      return next;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
        setCsrfToken('');
        setMe(null);
        return null;
      }
      throw err;
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await staffApi('/staff/session', { method: 'DELETE' });
    } catch {
      // already signed out
    }
    setCsrfToken('');
    setMe(null);
  }, []);

  useEffect(() => {
    refresh().catch(() => setMe(null));
  }, [refresh]);

  const can = useCallback((p: string) => !!me && me.stage === 'full' && me.permissions.includes(p), [me]);

  return <AuthContext.Provider value={{ me, refresh, signOut, can }}>{children}</AuthContext.Provider>;
}

export function useAuth(): TAuth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
