import { setCookie } from 'hono/cookie';
import { z } from 'zod';
import { ZMe } from '../../shared/api/auth.ts';
import { ZFieldAction, ZFieldActionResult, ZFieldOverview, ZSignInLinkRequest, ZSignInWithLink } from '../../shared/api/field.ts';
import { ZPublicCaseStatus, ZStatusLinkRequest } from '../../shared/api/dispatch.ts';
import { sessionCookie } from '../auth/auth-middleware.ts';
import type { CaseDeps } from '../cases/case-deps.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { requireUuid } from '../platform/validation.ts';
import { readPublicCaseStatus, revokeStatusLinks } from '../status-links/case-status-links.ts';
import { applyFieldAction } from './apply-field-action.ts';
import { getFieldOverview } from './field-overview.ts';
import { requestSignInLink, sendSignInLink, signInWithLink, type FieldAuthDeps } from './sign-in-links.ts';

export function registerFieldRoutes(routes: RouteTable, deps: FieldAuthDeps & CaseDeps & { secureCookies: boolean }) {
  const tag = 'field';
  routes.publicRoute(
    { method: 'post', path: '/api/v1/field/sign-in-link', tag, body: ZSignInLinkRequest, response: z.object({ sent: z.literal(true) }),
      summary: 'Send a one-time sign-in link to the technician with this phone or e-mail (the answer never says whether one exists)' },
    async ({ body }) => requestSignInLink(deps, body),
  );
  routes.publicRoute(
    { method: 'post', path: '/api/v1/field/sign-in', tag, body: ZSignInWithLink, response: ZMe, summary: 'Sign in with a one-time link (used once, 15 minutes); sets the session cookie' },
    async ({ body, c }) => {
      const { token, csrfToken, user } = await signInWithLink(deps, body);
      setCookie(c, sessionCookie, token, { httpOnly: true, sameSite: 'Lax', secure: deps.secureCookies, path: '/', maxAge: 12 * 60 * 60 });
      return {
        user: { id: user.id, email: user.email, name: user.name, role: user.role, language: user.language, allTenants: user.allTenants, tenantIds: user.tenantIds },
        csrfToken,
      };
    },
  );
  routes.route(
    { method: 'post', path: '/api/v1/tenants/:id/technicians/:technicianId/sign-in-link', tag, response: z.object({ sent: z.literal(true) }),
      summary: "Send a technician their one-time sign-in link (by SMS and e-mail)" },
    async ({ principal, params }) => sendSignInLink(deps, principal, requireUuid(params.id, 'tenant'), requireUuid(params.technicianId, 'technician')),
  );
  routes.route(
    { method: 'get', path: '/api/v1/field', tag, response: ZFieldOverview, summary: "The signed-in technician's offers and today's jobs" },
    async ({ principal }) => getFieldOverview(deps, principal),
  );
  routes.route(
    { method: 'post', path: '/api/v1/field/actions', tag, body: ZFieldAction, response: ZFieldActionResult,
      summary: 'Apply one action of the mobile view (answer an offer, en route, on site, resolve with a report, reopen); a replayed actionId changes nothing' },
    async ({ principal, body }) => applyFieldAction(deps, principal, body),
  );
  routes.publicRoute(
    { method: 'post', path: '/api/v1/public/case-status', tag: 'status', body: ZStatusLinkRequest, response: ZPublicCaseStatus, summary: "A customer's status link: the case's reference and progress, no login" },
    async ({ body }) => readPublicCaseStatus(deps, body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/cases/:key/status-links/revoke', tag: 'status', response: z.object({ revoked: z.number() }), summary: 'Revoke every status link sent about the case' },
    async ({ principal, params }) => revokeStatusLinks(deps, principal, params.key ?? ''),
  );
}
