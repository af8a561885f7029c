import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { findCurrentSession, login, logout } from '../api/auth.ts';
import { createApiClient } from '../api/client.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { navigate } from '../router/history.ts';
import { SessionContext, type TSession, type TSessionState } from './session-context.ts';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<TSessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const { adoptAccountLanguage } = useI18n();

  const [api] = useState(() =>
    createApiClient({
      onUnauthorized: () =>
        setState((previous) => (previous.status === 'signedIn' ? { status: 'signedOut', expired: true } : previous)),
    }),
  );

  useEffect(() => {
    let live = true;
    findCurrentSession(api).then(
      (me) => {
        if (!live) return;
        if (me) adoptAccountLanguage(me.user.language);
        setState(me ? { status: 'signedIn', me } : { status: 'signedOut', expired: false });
      },
      (error: unknown) => {
        if (live) setState({ status: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [api, attempt, adoptAccountLanguage]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const me = await login(api, email, password);
      adoptAccountLanguage(me.user.language);
      setState({ status: 'signedIn', me });
    },
    [api, adoptAccountLanguage],
  );

  const signOut = useCallback(async () => {
    // Leaving must always work on this screen; a server that missed the call lets the session expire.
    await logout(api).catch(() => undefined);
    setState({ status: 'signedOut', expired: false });
    navigate('/login');
  }, [api]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<TSession>(() => ({ state, api, signIn, signOut, retry }), [state, api, signIn, signOut, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
