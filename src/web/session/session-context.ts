import { createContext, useContext } from 'react';
import type { TMe } from '../../shared/api/auth.ts';
import type { TApiClient } from '../api/client.ts';

export type TSessionState =
  | { status: 'loading' }
  | { status: 'failed'; error: unknown }
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; me: TMe };

export type TSession = {
  state: TSessionState;
  api: TApiClient;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  retry: () => void;
};

export const SessionContext = createContext<TSession | null>(null);

export function useSession(): TSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider');
  return session;
}

export function useApi(): TApiClient {
  return useSession().api;
}

/** For screens that only render inside the signed-in shell. */
export function useMe(): TMe {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useMe outside a signed-in screen');
  return state.me;
}
