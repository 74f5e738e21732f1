// Who is signed in, as the server says (GET /api/auth/me on page load and after every change of session),
// and what the account may do (`permissions`, the policy actions allowed). The session itself is an
// HttpOnly cookie the page never sees; the CSRF token lives in memory in api.ts.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { getMe, logout, setCsrfToken, type Me, type User } from './api.ts';
import { navigate } from './router.tsx';

export interface Auth {
  /** True until the first answer of /api/auth/me. */
  loading: boolean;
  /** Why /api/auth/me failed, if it did. */
  error: unknown;
  me: Me | null;
  /** Fully signed in (second factor verified where the role needs one). */
  signedIn: boolean;
  /** The signed-in user; null when signed out or half-way through the second factor. */
  user: User | null;
  can(action: string): boolean;
  /**
   * Asks the server again (after sign-in, verification, or a refusal that suggests the session ended). The
   * answer is rendered before the promise resolves, so a navigation that follows sees the new state.
   */
  refresh(): Promise<Me | null>;
  /** Ends the session on the server; then opens the sign-in page ("You have signed out") unless told not to. */
  signOut(options?: { stay?: boolean }): Promise<void>;
}

const SIGNED_OUT: Me = { signedIn: false, stage: null, csrfToken: null, user: null, permissions: [] };

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const next = await getMe();
      setCsrfToken(next.csrfToken);
      flushSync(() => {
        setMe(next);
        setError(undefined);
        setLoading(false);
      });
      return next;
    } catch (reason) {
      flushSync(() => {
        setError(reason);
        setLoading(false);
      });
      return null;
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signOut = useCallback(
    async (options: { stay?: boolean } = {}) => {
      try {
        await logout();
      } catch {
        // Whatever the server answered (the session may have ended already), this page forgets it.
      }
      setCsrfToken(null);
      // One render with both the signed-out state and the sign-in page: the page being left never sees
      // itself signed out (it would redirect to sign-in with itself as the place to come back to).
      flushSync(() => {
        setMe(SIGNED_OUT);
        if (!options.stay) navigate('/account/sign-in', { state: { notice: 'signedOut' } });
      });
      await refresh();
    },
    [refresh],
  );

  const value = useMemo<Auth>(() => {
    const signedIn = Boolean(me?.signedIn && me.stage === 'signed_in' && me.user);
    const permissions = new Set(me?.permissions ?? []);
    return {
      loading,
      error,
      me,
      signedIn,
      user: signedIn ? (me?.user ?? null) : null,
      can: (action) => signedIn && permissions.has(action),
      refresh,
      signOut,
    };
  }, [loading, error, me, refresh, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an <AuthProvider> above it');
  return auth;
}
