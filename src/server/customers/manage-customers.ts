import type { z } from 'zod';
import { ZCreateAsset, ZCreateCustomer, ZCreateSite, ZCustomerQuery, ZUpdateCustomer } from '../../shared/api/customers.ts';
import { requirePermission, requireTenant, tenantScope, type Principal } from '../auth/principal.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { normalisePhone } from '../phones/normalise-phone.ts';
import { phonesForSearch } from '../phones/phones-for-search.ts';
import type { TenantRepository } from '../tenants/tenant-repository.ts';
import { toAsset, toCustomer, toSite, type CustomerRepository, type CustomerRow } from './customer-repository.ts';

export interface CustomerDeps {
  customers: CustomerRepository;
  tenants: TenantRepository;
}

async function tenantCountry(deps: CustomerDeps, tenantId: string): Promise<string> {
  const tenant = await deps.tenants.findTenant(tenantId);
  if (!tenant) throw notFound('tenant');
  return tenant.country;
}

export async function normalisePhones(deps: CustomerDeps, tenantId: string, phones: readonly string[]): Promise<string[]> {
  const country = await tenantCountry(deps, tenantId);
  return [...new Set(phones.map((p, i) => normalisePhone(p, country, `phones.${i}`)))];
}

/** Loads a customer the actor may see; any other answers 404. */
export async function loadCustomer(deps: CustomerDeps, actor: Principal, id: string): Promise<CustomerRow> {
  requirePermission(actor, 'customer.read');
  const row = await deps.customers.findCustomer(id);
  if (!row) throw notFound('customer');
  requireTenant(actor, row.tenantId, 'customer');
  return row;
}

export async function createCustomer(deps: CustomerDeps, actor: Principal | 'system', input: z.input<typeof ZCreateCustomer>) {
  const data = parseInput(ZCreateCustomer, input, 'customer');
  if (actor !== 'system') {
    requireTenant(actor, data.tenantId);
    requirePermission(actor, 'customer.write');
  }
  const phones = await normalisePhones(deps, data.tenantId, data.phones);
  const row = await deps.customers.insertCustomer({
    tenantId: data.tenantId,
    name: data.name,
    phones,
    email: data.email ?? null,
    language: data.language ?? null,
    notes: data.notes,
  });
  return toCustomer(row);
}

export async function updateCustomer(deps: CustomerDeps, actor: Principal, id: string, input: z.input<typeof ZUpdateCustomer>) {
  const patch = parseInput(ZUpdateCustomer, input, 'customer');
  const current = await loadCustomer(deps, actor, id);
  requirePermission(actor, 'customer.write');
  const phones = patch.phones ? await normalisePhones(deps, current.tenantId, patch.phones) : current.phones;
  const row = await deps.customers.updateCustomer({
    ...current,
    name: patch.name ?? current.name,
    phones,
    email: patch.email ?? current.email,
    language: patch.language ?? current.language,
    notes: patch.notes ?? current.notes,
  });
  return toCustomer(row);
}

export async function searchCustomers(deps: CustomerDeps, actor: Principal, input: unknown) {
  const query = parseInput(ZCustomerQuery, input, 'query');
  requirePermission(actor, 'customer.read');
  if (query.tenant) requireTenant(actor, query.tenant);
  let phones: string[] | undefined;
  if (query.phone) {
    const tenants = query.tenant ? [await deps.tenants.findTenant(query.tenant)] : await deps.tenants.listTenants(tenantScope(actor));
    phones = phonesForSearch(query.phone, tenants.flatMap((t) => (t ? [t.country] : [])));
  }
  const rows = await deps.customers.searchCustomers({ scope: tenantScope(actor), tenantId: query.tenant, phones, q: query.q, limit: query.limit });
  return rows.map(toCustomer);
}

export async function getCustomerDetail(deps: CustomerDeps, actor: Principal, id: string) {
  const row = await loadCustomer(deps, actor, id);
  const [sites, assets] = await Promise.all([deps.customers.listSites(id), deps.customers.listAssets(id)]);
  return { ...toCustomer(row), sites: sites.map(toSite), assets: assets.map(toAsset) };
}

export async function addSite(deps: CustomerDeps, actor: Principal | 'system', customerId: string, input: z.input<typeof ZCreateSite>) {
  const data = parseInput(ZCreateSite, input, 'site');
  const customer = actor === 'system' ? await deps.customers.findCustomer(customerId) : await loadCustomer(deps, actor, customerId);
  if (!customer) throw notFound('customer');
  if (actor !== 'system') requirePermission(actor, 'customer.write');
  const row = await deps.customers.insertSite({
    ...data,
    tenantId: customer.tenantId,
    customerId,
    latitude: data.latitude ?? null,
    longitude: data.longitude ?? null,
  });
  return toSite(row);
}

export async function addAsset(deps: CustomerDeps, actor: Principal | 'system', customerId: string, input: z.input<typeof ZCreateAsset>) {
  const data = parseInput(ZCreateAsset, input, 'asset');
  const customer = actor === 'system' ? await deps.customers.findCustomer(customerId) : await loadCustomer(deps, actor, customerId);
  if (!customer) throw notFound('customer');
  if (actor !== 'system') requirePermission(actor, 'customer.write');
  if (data.siteId) {
    const site = await deps.customers.findSite(data.siteId);
    if (!site || site.customerId !== customerId) {
      throw new AppError('validation_failed', 'siteId: not a site of this customer', [{ path: 'siteId', message: 'not a site of this customer' }]);
    }
  }
  const row = await deps.customers.insertAsset({
    tenantId: customer.tenantId,
    customerId,
    siteId: data.siteId ?? null,
    applianceType: data.applianceType,
    brand: data.brand,
    model: data.model,
    serialNumber: data.serialNumber,
    purchaseDate: data.purchaseDate ?? null,
    warrantyEnds: data.warrantyEnds ?? null,
  });
  return toAsset(row);
}
