import { z } from 'zod';
import { ZCreateLine, ZCreateTenant, ZLine, ZTenant, ZUpdateTenant } from '../../shared/api/tenants.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { requireUuid } from '../platform/validation.ts';
import { addLine, createTenant, getTenant, listLines, listTenants, removeLine, updateTenant, type TenantDeps } from './manage-tenants.ts';

export function registerTenantRoutes(routes: RouteTable, deps: TenantDeps) {
  const tag = 'tenants';
  routes.route(
    { method: 'get', path: '/api/v1/tenants', summary: 'Tenants you serve', tag, response: z.object({ items: z.array(ZTenant) }) },
    async ({ principal }) => ({ items: await listTenants(deps, principal) }),
  );
  routes.route(
    { method: 'post', path: '/api/v1/tenants', summary: 'Create a tenant', tag, body: ZCreateTenant, response: ZTenant, status: 201 },
    async ({ principal, body }) => createTenant(deps, principal, body),
  );
  routes.route({ method: 'get', path: '/api/v1/tenants/:id', summary: 'One tenant', tag, response: ZTenant }, async ({ principal, params }) =>
    getTenant(deps, principal, requireUuid(params.id, 'tenant')),
  );
  routes.route(
    { method: 'patch', path: '/api/v1/tenants/:id', summary: 'Change a tenant', tag, body: ZUpdateTenant, response: ZTenant },
    async ({ principal, params, body }) => updateTenant(deps, principal, requireUuid(params.id, 'tenant'), body),
  );
  routes.route(
    { method: 'get', path: '/api/v1/tenants/:id/lines', summary: "A tenant's phone lines", tag, response: z.object({ items: z.array(ZLine) }) },
    async ({ principal, params }) => ({ items: await listLines(deps, principal, requireUuid(params.id, 'tenant')) }),
  );
  routes.route(
    { method: 'post', path: '/api/v1/tenants/:id/lines', summary: 'Add a phone line (DID)', tag, body: ZCreateLine, response: ZLine, status: 201 },
    async ({ principal, params, body }) => addLine(deps, principal, requireUuid(params.id, 'tenant'), body),
  );
  routes.route(
    { method: 'delete', path: '/api/v1/tenants/:id/lines/:lineId', summary: 'Remove a phone line', tag, status: 204 },
    async ({ principal, params }) => {
      await removeLine(deps, principal, requireUuid(params.id, 'tenant'), requireUuid(params.lineId, 'line'));
      return undefined;
    },
  );
}
