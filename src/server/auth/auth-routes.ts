import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ZLoginRequest, ZMe } from '../../shared/api/auth.ts';
import { ZCreateToken, ZCreatedToken, ZCreateUser, ZUser } from '../../shared/api/users.ts';
import { z } from 'zod';
import { AppError } from '../platform/errors.ts';
import { requireUuid } from '../platform/validation.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import type { AuthRepository, UserRow } from './auth-repository.ts';
import { sessionCookie } from './auth-middleware.ts';
import { createApiToken, createUser, getUser, listUsers, type UserDeps } from './manage-users.ts';
import { signIn, signOut, type SessionDeps } from './sessions.ts';

const me = (user: UserRow, csrfToken: string) => ({
  user: {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language,
    allTenants: user.allTenants,
    tenantIds: user.tenantIds,
  },
  csrfToken,
});

export function registerAuthRoutes(
  routes: RouteTable,
  deps: SessionDeps & UserDeps & { auth: AuthRepository; secureCookies: boolean },
) {
  routes.publicRoute(
    { method: 'post', path: '/api/v1/auth/login', summary: 'Sign in; sets the session cookie', tag: 'auth', body: ZLoginRequest, response: ZMe },
    async ({ body, c }) => {
      const { token, csrfToken, user } = await signIn(deps, body.email, body.password);
      setCookie(c, sessionCookie, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: deps.secureCookies,
        path: '/',
        maxAge: 12 * 60 * 60,
      });
      return me(user, csrfToken);
    },
  );

  routes.route({ method: 'post', path: '/api/v1/auth/logout', summary: 'Sign out', tag: 'auth', status: 204 }, async ({ c }) => {
    const token = getCookie(c, sessionCookie);
    if (token) await signOut(deps, token);
    deleteCookie(c, sessionCookie, { path: '/' });
    return undefined;
  });

  routes.route({ method: 'get', path: '/api/v1/auth/me', summary: 'Who is signed in', tag: 'auth', response: ZMe }, async ({ principal, c }) => {
    const auth = c.get('auth');
    if (principal.kind !== 'user' || !auth?.csrfToken) throw new AppError('unauthenticated', 'no web session');
    const user = await deps.auth.findUserById(principal.id);
    if (!user) throw new AppError('unauthenticated', 'no web session');
    return me(user, auth.csrfToken);
  });

  routes.route(
    { method: 'get', path: '/api/v1/users', summary: 'List users in your tenants', tag: 'users', response: z.object({ items: z.array(ZUser) }) },
    async ({ principal }) => ({ items: await listUsers(deps, principal) }),
  );
  routes.route(
    { method: 'get', path: '/api/v1/users/:id', summary: 'One user', tag: 'users', response: ZUser },
    async ({ principal, params }) => getUser(deps, principal, requireUuid(params.id, 'user')),
  );
  routes.route(
    { method: 'post', path: '/api/v1/users', summary: 'Create a user', tag: 'users', body: ZCreateUser, response: ZUser, status: 201 },
    async ({ principal, body }) => createUser(deps, principal, body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/tokens', summary: 'Create an API token (shown once)', tag: 'users', body: ZCreateToken, response: ZCreatedToken, status: 201 },
    async ({ principal, body }) => createApiToken(deps, principal, body),
  );
}
