import type { Context } from 'hono';
import { z } from 'zod';
import {
  ZKbPublished, ZKbSearchHit, ZPortalCase, ZPortalCaseResult, ZPortalFeedback, ZPortalStatus, ZPortalStatusRequest, ZPortalTenant,
} from '../../shared/api/knowledge.ts';
import { ZLanguage } from '../../shared/common.ts';
import { labelIn, type TTreeContent } from '../../shared/knowledge.ts';
import { findPublished, getPublished, searchPublished } from '../knowledge/published-knowledge.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { clientAddress } from '../platform/http/client-address.ts';
import type { HttpEnv } from '../platform/http/http-env.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { lookUpPortalStatus } from './look-up-status.ts';
import { openPortalCase } from './open-portal-case.ts';
import type { PortalDeps } from './portal-deps.ts';

const ZLanguageQuery = z.object({ language: ZLanguage.default('es') }).strict();
const ZPortalSearch = z.object({ q: z.string().trim().max(200).default(''), language: ZLanguage.default('es') }).strict();

/**
 * The customer portal's API: public (no staff login), one address per tenant by its code, every
 * request counted per client address. Only published knowledge is served.
 */
export function registerPortalRoutes(routes: RouteTable, deps: PortalDeps) {
  const tag = 'portal';
  const tenantFor = async (c: Context<HttpEnv>, code: string | undefined) => {
    const address = clientAddress(c);
    if (!deps.portalLimits.perAddress.take(address)) throw new AppError('rate_limited', 'too many requests; try again later');
    const tenant = /^[A-Za-z0-9_-]{2,32}$/.test(code ?? '') ? await deps.tenants.findTenantByBillingCode((code ?? '').toUpperCase()) : undefined;
    if (!tenant) throw notFound('business');
    return { tenant, address };
  };
  const use = (tenantId: string, entryId: string, kind: 'viewed' | 'resolved' | 'escalated') =>
    deps.knowledge.insertUses([{ tenantId, entryId, channel: 'portal', kind, callId: null, at: deps.clock.now() }]);

  routes.publicRoute(
    { method: 'get', path: '/api/v1/portal/:code', tag, query: ZLanguageQuery, response: ZPortalTenant, summary: "A business's portal: name, case form and self-diagnosis trees" },
    async ({ c, params, query }) => {
      const { tenant } = await tenantFor(c, params.code);
      const [protocol, trees] = await Promise.all([deps.protocols.findInForce(tenant.id), deps.knowledge.listPublishedTrees(tenant.id)]);
      return {
        code: tenant.billingCode.toLowerCase(), name: tenant.name, language: tenant.language, intakeSchema: protocol?.intakeSchema ?? null,
        trees: trees.map((t) => ({ slug: t.slug, title: labelIn((t.content as TTreeContent).title, query.language) })),
      };
    },
  );
  routes.publicRoute(
    { method: 'get', path: '/api/v1/portal/:code/search', tag, query: ZPortalSearch, response: z.object({ items: z.array(ZKbSearchHit) }), summary: 'Search the published help' },
    async ({ c, params, query }) => {
      const { tenant } = await tenantFor(c, params.code);
      return { items: await searchPublished(deps.knowledge, tenant.id, query) };
    },
  );
  routes.publicRoute(
    { method: 'get', path: '/api/v1/portal/:code/articles/:slug', tag, response: ZKbPublished, summary: 'A published article' },
    async ({ c, params }) => {
      const { tenant } = await tenantFor(c, params.code);
      const article = await getPublished(deps.knowledge, tenant.id, 'article', params.slug ?? '');
      await use(tenant.id, article.entryId, 'viewed');
      return article;
    },
  );
  routes.publicRoute(
    { method: 'get', path: '/api/v1/portal/:code/trees/:slug', tag, response: ZKbPublished, summary: 'A published self-diagnosis tree' },
    async ({ c, params }) => {
      const { tenant } = await tenantFor(c, params.code);
      const tree = await getPublished(deps.knowledge, tenant.id, 'tree', params.slug ?? '');
      await use(tenant.id, tree.entryId, 'viewed');
      return tree;
    },
  );
  routes.publicRoute(
    { method: 'post', path: '/api/v1/portal/:code/feedback', tag, body: ZPortalFeedback, status: 204, summary: '"This solved my problem" for an article or a tree' },
    async ({ c, params, body }) => {
      const { tenant } = await tenantFor(c, params.code);
      const entry = (await findPublished(deps.knowledge, tenant.id, 'article', body.slug)) ?? (await findPublished(deps.knowledge, tenant.id, 'tree', body.slug));
      if (!entry) throw notFound('article');
      await use(tenant.id, entry.entryId, body.outcome);
    },
  );
  routes.publicRoute(
    { method: 'post', path: '/api/v1/portal/:code/status', tag, body: ZPortalStatusRequest, response: ZPortalStatus,
      summary: 'The status of a case by its reference and the phone it was opened with (rate limited)' },
    async ({ c, params, body }) => {
      const { tenant, address } = await tenantFor(c, params.code);
      return lookUpPortalStatus(deps, tenant, address, body);
    },
  );
  routes.publicRoute(
    { method: 'post', path: '/api/v1/portal/:code/cases', tag, body: ZPortalCase, response: ZPortalCaseResult, status: 201,
      summary: "Open a case through the business's protocol form (duplicate guard applies)" },
    async ({ c, params, body }) => {
      const { tenant, address } = await tenantFor(c, params.code);
      if (!deps.portalLimits.casesPerAddress.take(address)) throw new AppError('rate_limited', 'too many cases from this address; call us instead');
      const result = await openPortalCase(deps, tenant, body);
      return c.json(result, result.duplicate ? 200 : 201);
    },
  );
}
