import { z } from 'zod';
import {
  ZCreateKbEntry, ZKbEntry, ZKbEntryDetail, ZKbListQuery, ZKbMeasure, ZKbMeasuresQuery, ZKbPublished, ZKbSearchHit, ZKbSearchQuery,
  ZKbUse, ZKbVersion, ZPublishKbEntry, ZSaveKbDraft, ZSendArticle,
} from '../../shared/api/knowledge.ts';
import { ZKbKind } from '../../shared/knowledge.ts';
import { requirePermission, requireTenant } from '../auth/principal.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { parseInput } from '../platform/validation.ts';
import type { KnowledgeDeps } from './knowledge-deps.ts';
import { getKbMeasures, recordConsoleUse } from './knowledge-measures.ts';
import { createKbEntry, publishKbEntry, saveKbDraft } from './manage-knowledge.ts';
import { getPublished, searchPublished } from './published-knowledge.ts';
import { getEntryDetail, getEntryHistory, listKbEntries } from './query-knowledge.ts';
import { sendArticle } from './send-article.ts';

const ZTenantQuery = z.object({ tenantId: z.uuid() }).strict();

export function registerKnowledgeRoutes(routes: RouteTable, deps: KnowledgeDeps) {
  const tag = 'knowledge';
  routes.route(
    { method: 'get', path: '/api/v1/knowledge/entries', tag, query: ZKbListQuery, response: z.object({ items: z.array(ZKbEntry) }),
      summary: "Articles and trees a tenant uses (its own and the desk-wide ones); without tenantId, the desk-wide ones" },
    async ({ principal, query }) => listKbEntries(deps, principal, query),
  );
  routes.route(
    { method: 'post', path: '/api/v1/knowledge/entries', tag, body: ZCreateKbEntry, response: ZKbEntryDetail, status: 201, summary: 'Start an article or tree as a draft' },
    async ({ principal, body }) => createKbEntry(deps, principal, body),
  );
  routes.route(
    { method: 'get', path: '/api/v1/knowledge/entries/:id', tag, response: ZKbEntryDetail, summary: 'An entry with its latest and published versions' },
    async ({ principal, params }) => getEntryDetail(deps, principal, params.id ?? ''),
  );
  routes.route(
    { method: 'put', path: '/api/v1/knowledge/entries/:id/draft', tag, body: ZSaveKbDraft, response: ZKbEntryDetail, summary: 'Save the working draft' },
    async ({ principal, params, body }) => saveKbDraft(deps, principal, params.id ?? '', body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/knowledge/entries/:id/publish', tag, body: ZPublishKbEntry, response: ZKbEntryDetail, summary: 'Publish a draft to every channel' },
    async ({ principal, params, body }) => publishKbEntry(deps, principal, params.id ?? '', body),
  );
  routes.route(
    { method: 'get', path: '/api/v1/knowledge/entries/:id/history', tag, response: z.object({ items: z.array(ZKbVersion) }), summary: 'Every version: who, when, what changed' },
    async ({ principal, params }) => getEntryHistory(deps, principal, params.id ?? ''),
  );
  routes.route(
    { method: 'get', path: '/api/v1/knowledge/search', tag, query: ZKbSearchQuery, response: z.object({ items: z.array(ZKbSearchHit) }), summary: 'Search the published knowledge a tenant uses' },
    async ({ principal, query }) => {
      requirePermission(principal, 'knowledge.read');
      requireTenant(principal, query.tenantId);
      return { items: await searchPublished(deps.knowledge, query.tenantId, query) };
    },
  );
  routes.route(
    { method: 'get', path: '/api/v1/knowledge/published/:kind/:slug', tag, query: ZTenantQuery, response: ZKbPublished, summary: 'The published article or tree a tenant uses' },
    async ({ principal, params, query }) => {
      requirePermission(principal, 'knowledge.read');
      requireTenant(principal, query.tenantId);
      const kind = parseInput(ZKbKind, params.kind, 'kind');
      return getPublished(deps.knowledge, query.tenantId, kind, params.slug ?? '');
    },
  );
  routes.route(
    { method: 'post', path: '/api/v1/knowledge/articles/:slug/send', tag, body: ZSendArticle, status: 201,
      response: z.object({ notificationId: z.string(), status: z.string() }), summary: 'Send the published article to a caller by SMS or e-mail' },
    async ({ principal, params, body, c }) => sendArticle({ ...deps, publicUrl: new URL(c.req.url).origin }, principal, params.slug ?? '', body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/knowledge/uses', tag, body: ZKbUse, status: 204, summary: 'Record that an operator used an entry on a call' },
    async ({ principal, body }) => recordConsoleUse(deps, principal, body),
  );
  routes.route(
    { method: 'get', path: '/api/v1/knowledge/measures', tag, query: ZKbMeasuresQuery, response: z.object({ items: z.array(ZKbMeasure) }),
      summary: 'Views, resolutions without a person and escalations per entry and channel' },
    async ({ principal, query }) => getKbMeasures(deps, principal, query),
  );
}
