import { z } from 'zod';
import { ZAssign, ZCase, ZCasePage, ZCaseQuery, ZCreateCase, ZCreateCaseResult, ZNote, ZTimelineEntry, ZTransition, ZUpdateCase } from '../../shared/api/cases.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import type { CaseDeps } from './case-deps.ts';
import { addCaseNote, assignCase, transitionCase, updateCase } from './change-case.ts';
import { createCase } from './create-case.ts';
import { getCase, getCaseTimeline, listCases, loadVisibleCase } from './query-cases.ts';

export function registerCaseRoutes(routes: RouteTable, deps: CaseDeps) {
  const tag = 'cases';
  const idOf = async (principal: Parameters<typeof loadVisibleCase>[1], key: string | undefined) =>
    (await loadVisibleCase(deps, principal, key ?? '')).id;

  routes.route(
    { method: 'get', path: '/api/v1/cases', summary: 'List and search cases (newest first, paged)', tag, query: ZCaseQuery, response: ZCasePage },
    async ({ principal, c }) => listCases(deps, principal, c.req.query()),
  );
  routes.route(
    {
      method: 'post', path: '/api/v1/cases', tag, body: ZCreateCase, response: ZCreateCaseResult, status: 201,
      summary: 'Open a case; an open duplicate is returned instead (200, duplicate: true)',
    },
    async ({ principal, body, c }) => {
      const result = await createCase(deps, principal, body);
      return c.json(result, result.duplicate ? 200 : 201);
    },
  );
  routes.route(
    { method: 'get', path: '/api/v1/cases/:key', summary: 'A case by id or reference', tag, response: ZCase },
    async ({ principal, params }) => getCase(deps, principal, params.key ?? ''),
  );
  routes.route(
    { method: 'patch', path: '/api/v1/cases/:key', summary: 'Change intake, description, priority, site or asset', tag, body: ZUpdateCase, response: ZCase },
    async ({ principal, params, body }) => updateCase(deps, principal, await idOf(principal, params.key), body),
  );
  routes.route(
    { method: 'get', path: '/api/v1/cases/:key/timeline', summary: 'The timeline (audit trail) of a case', tag, response: z.object({ items: z.array(ZTimelineEntry) }) },
    async ({ principal, params }) => ({ items: await getCaseTimeline(deps, principal, params.key ?? '') }),
  );
  routes.route(
    { method: 'post', path: '/api/v1/cases/:key/transitions', summary: 'Move a case through its lifecycle', tag, body: ZTransition, response: ZCase },
    async ({ principal, params, body }) => transitionCase(deps, principal, await idOf(principal, params.key), body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/cases/:key/notes', summary: 'Add a note to the timeline', tag, body: ZNote, response: ZCase },
    async ({ principal, params, body }) => addCaseNote(deps, principal, await idOf(principal, params.key), body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/cases/:key/assignment', summary: 'Assign the case to a technician (or nobody)', tag, body: ZAssign, response: ZCase },
    async ({ principal, params, body }) => assignCase(deps, principal, await idOf(principal, params.key), body),
  );
}
