import { ZMe, type TMe } from '../../shared/api/auth.ts';
import { ApiError } from './api-error.ts';
import type { TApiClient } from './client.ts';

export async function login(api: TApiClient, email: string, password: string): Promise<TMe> {
  const me = await api.request('/auth/login', {
    method: 'POST',
    body: { email, password },
    schema: ZMe,
    ignoreUnauthorized: true,
  });
  api.setCsrfToken(me.csrfToken);
  return me;
}

/** Undefined when nobody is signed in. */
export async function findCurrentSession(api: TApiClient): Promise<TMe | undefined> {
  try {
    const me = await api.request('/auth/me', { schema: ZMe, ignoreUnauthorized: true });
    api.setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

export async function logout(api: TApiClient): Promise<void> {
  try {
    await api.request('/auth/logout', { method: 'POST', ignoreUnauthorized: true });
  } finally {
    api.setCsrfToken(null);
  }
}
