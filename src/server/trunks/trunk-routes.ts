import { z } from 'zod';
import { ZCreateTrunk, ZTrunk } from '../../shared/api/trunks.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { requireUuid } from '../platform/validation.ts';
import { createTrunk, deleteTrunk, listTrunks, type TrunkDeps } from './manage-trunks.ts';

export function registerTrunkRoutes(routes: RouteTable, deps: TrunkDeps) {
  const tag = 'trunks';
  routes.route(
    { method: 'get', path: '/api/v1/trunks', summary: 'SIP trunks (providers and PBXs allowed to call in)', tag, response: z.object({ items: z.array(ZTrunk) }) },
    async ({ principal }) => ({ items: await listTrunks(deps, principal) }),
  );
  routes.route(
    { method: 'post', path: '/api/v1/trunks', summary: 'Add a SIP trunk', tag, body: ZCreateTrunk, response: ZTrunk, status: 201 },
    async ({ principal, body }) => createTrunk(deps, principal, body),
  );
  routes.route({ method: 'delete', path: '/api/v1/trunks/:id', summary: 'Remove a SIP trunk', tag, status: 204 }, async ({ principal, params }) => {
    await deleteTrunk(deps, principal, requireUuid(params.id, 'trunk'));
    return undefined;
  });
}
