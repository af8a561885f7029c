import { z } from 'zod';
import { ZCreateProtocolVersion, ZProtocolVersion } from '../../shared/api/protocols.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { notFound } from '../platform/errors.ts';
import { requireUuid } from '../platform/validation.ts';
import {
  createProtocolDraft,
  getProtocolInForce,
  listProtocolVersions,
  publishProtocolVersion,
  type ProtocolDeps,
} from './manage-protocols.ts';

const versionParam = (value: string | undefined) => {
  if (!value || !/^[1-9][0-9]{0,8}$/.test(value)) throw notFound('protocol version');
  return Number(value);
};

export function registerProtocolRoutes(routes: RouteTable, deps: ProtocolDeps) {
  const tag = 'protocols';
  routes.route(
    { method: 'get', path: '/api/v1/tenants/:id/protocols', summary: 'Protocol versions of a tenant', tag, response: z.object({ items: z.array(ZProtocolVersion) }) },
    async ({ principal, params }) => ({ items: await listProtocolVersions(deps, principal, requireUuid(params.id, 'tenant')) }),
  );
  routes.route(
    { method: 'get', path: '/api/v1/tenants/:id/protocols/current', summary: 'The protocol version in force', tag, response: ZProtocolVersion },
    async ({ principal, params }) => getProtocolInForce(deps, principal, requireUuid(params.id, 'tenant')),
  );
  routes.route(
    { method: 'post', path: '/api/v1/tenants/:id/protocols', summary: 'Create a draft protocol version', tag, body: ZCreateProtocolVersion, response: ZProtocolVersion, status: 201 },
    async ({ principal, params, body }) => createProtocolDraft(deps, principal, requireUuid(params.id, 'tenant'), body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/tenants/:id/protocols/:version/publish', summary: 'Publish a draft version', tag, response: ZProtocolVersion },
    async ({ principal, params }) => publishProtocolVersion(deps, principal, requireUuid(params.id, 'tenant'), versionParam(params.version)),
  );
}
