import type { z } from 'zod';
import { ZCreateLine, ZCreateTenant, ZUpdateTenant } from '../../shared/api/tenants.ts';
import { requirePermission, requireTenant, tenantScope, type Principal } from '../auth/principal.ts';
import type { Database } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { normalisePhone } from '../phones/normalise-phone.ts';
import { toLine, toTenant, type TenantRepository } from './tenant-repository.ts';

export interface TenantDeps {
  db: Database;
  tenants: TenantRepository;
  events: EventBus;
}

export async function listTenants(deps: TenantDeps, actor: Principal) {
  requirePermission(actor, 'tenant.read');
  return (await deps.tenants.listTenants(tenantScope(actor))).map(toTenant);
}

export async function getTenant(deps: TenantDeps, actor: Principal, id: string) {
  requireTenant(actor, id);
  requirePermission(actor, 'tenant.read');
  const row = await deps.tenants.findTenant(id);
  if (!row) throw notFound('tenant');
  return toTenant(row);
}

async function ensureBillingCodeFree(deps: TenantDeps, code: string, exceptId?: string) {
  const holder = await deps.tenants.findTenantByBillingCode(code);
  if (holder && holder.id !== exceptId) {
    throw new AppError('conflict', 'billing code in use', [{ path: 'billingCode', message: 'already used by another tenant' }]);
  }
}

/** A new tenant is a desk-level decision: only a desk-wide admin makes one. */
export async function createTenant(deps: TenantDeps, actor: Principal | 'system', input: z.input<typeof ZCreateTenant>) {
  const data = parseInput(ZCreateTenant, input, 'tenant');
  if (actor !== 'system') {
    requirePermission(actor, 'tenant.manage');
    if (!actor.allTenants) throw new AppError('forbidden', 'only a desk-wide admin may create tenants');
  }
  await ensureBillingCodeFree(deps, data.billingCode);
  return toTenant(await deps.tenants.insertTenant(deps.db, data));
}

export async function updateTenant(deps: TenantDeps, actor: Principal, id: string, input: z.input<typeof ZUpdateTenant>) {
  const patch = parseInput(ZUpdateTenant, input, 'tenant');
  requireTenant(actor, id);
  requirePermission(actor, 'tenant.manage');
  const current = await deps.tenants.findTenant(id);
  if (!current) throw notFound('tenant');
  if (patch.billingCode) await ensureBillingCodeFree(deps, patch.billingCode, id);
  const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  const row = await deps.tenants.updateTenant(deps.db, id, next);
  deps.events.emit('tenant.updated', { tenantId: id });
  return toTenant(row);
}

export async function listLines(deps: TenantDeps, actor: Principal, tenantId: string) {
  await getTenant(deps, actor, tenantId);
  return (await deps.tenants.listLines(tenantId)).map(toLine);
}

export async function addLine(deps: TenantDeps, actor: Principal | 'system', tenantId: string, input: z.input<typeof ZCreateLine>) {
  const data = parseInput(ZCreateLine, input, 'line');
  if (actor !== 'system') {
    requireTenant(actor, tenantId);
    requirePermission(actor, 'tenant.manage');
  }
  const tenant = await deps.tenants.findTenant(tenantId);
  if (!tenant) throw notFound('tenant');
  const number = normalisePhone(data.number, tenant.country, 'number');
  if (await deps.tenants.findLineByNumber(number)) {
    throw new AppError('conflict', 'number already assigned', [{ path: 'number', message: 'already a line of a tenant' }]);
  }
  return toLine(await deps.tenants.insertLine(tenantId, number, data.label));
}

export async function removeLine(deps: TenantDeps, actor: Principal, tenantId: string, lineId: string) {
  requireTenant(actor, tenantId);
  requirePermission(actor, 'tenant.manage');
  const line = await deps.tenants.findLine(lineId);
  if (!line || line.tenantId !== tenantId) throw notFound('line');
  await deps.tenants.deleteLine(lineId);
}
