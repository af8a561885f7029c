import { z } from 'zod';
import { ZAsset, ZCreateAsset, ZCreateCustomer, ZCreateSite, ZCustomer, ZCustomerQuery, ZSite, ZUpdateCustomer } from '../../shared/api/customers.ts';
import type { RouteTable } from '../platform/http/define-route.ts';
import { requireUuid } from '../platform/validation.ts';
import { addAsset, addSite, createCustomer, getCustomerDetail, searchCustomers, updateCustomer, type CustomerDeps } from './manage-customers.ts';

export function registerCustomerRoutes(routes: RouteTable, deps: CustomerDeps) {
  const tag = 'customers';
  routes.route(
    { method: 'get', path: '/api/v1/customers', summary: 'Search customers by phone (any format) or name', tag, query: ZCustomerQuery, response: z.object({ items: z.array(ZCustomer) }) },
    async ({ principal, c }) => ({ items: await searchCustomers(deps, principal, c.req.query()) }),
  );
  routes.route(
    { method: 'post', path: '/api/v1/customers', summary: 'Create a customer', tag, body: ZCreateCustomer, response: ZCustomer, status: 201 },
    async ({ principal, body }) => createCustomer(deps, principal, body),
  );
  routes.route(
    { method: 'get', path: '/api/v1/customers/:id', summary: 'A customer with sites and assets', tag, response: ZCustomer.extend({ sites: z.array(ZSite), assets: z.array(ZAsset) }) },
    async ({ principal, params }) => getCustomerDetail(deps, principal, requireUuid(params.id, 'customer')),
  );
  routes.route(
    { method: 'patch', path: '/api/v1/customers/:id', summary: 'Change a customer', tag, body: ZUpdateCustomer, response: ZCustomer },
    async ({ principal, params, body }) => updateCustomer(deps, principal, requireUuid(params.id, 'customer'), body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/customers/:id/sites', summary: 'Add a site (address)', tag, body: ZCreateSite, response: ZSite, status: 201 },
    async ({ principal, params, body }) => addSite(deps, principal, requireUuid(params.id, 'customer'), body),
  );
  routes.route(
    { method: 'post', path: '/api/v1/customers/:id/assets', summary: 'Add an asset (appliance)', tag, body: ZCreateAsset, response: ZAsset, status: 201 },
    async ({ principal, params, body }) => addAsset(deps, principal, requireUuid(params.id, 'customer'), body),
  );
}
