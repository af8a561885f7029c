import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../platform/errors.ts';
import type { HttpEnv } from '../platform/http/http-env.ts';
import { resolveApiToken, resolveSession, type SessionDeps } from './sessions.ts';

export const sessionCookie = 'centralita_session';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is asking. Cookie sessions must echo their CSRF token in a header on every
 * unsafe method (a cross-site form cannot read it); bearer tokens are not sent by browsers on
 * their own, so they need none.
 */
export function authenticate(deps: SessionDeps): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const principal = match ? await resolveApiToken(deps, match[1]!) : undefined;
      if (!principal) throw new AppError('unauthenticated', 'the bearer token is not valid');
      c.set('auth', { principal, via: 'token' });
      return next();
    }
    const token = getCookie(c, sessionCookie);
    const session = token ? await resolveSession(deps, token) : undefined;
    if (session) {
      if (unsafeMethods.has(c.req.method) && c.req.header('x-csrf-token') !== session.csrfToken) {
        throw new AppError('forbidden', 'missing or wrong X-CSRF-Token header');
      }
      c.set('auth', { principal: session.principal, via: 'session', csrfToken: session.csrfToken });
    }
    return next();
  };
}
