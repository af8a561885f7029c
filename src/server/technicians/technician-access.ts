import { requirePermission, requireTenant, type Action, type Principal } from '../auth/principal.ts';
import type { AuthRepository } from '../auth/auth-repository.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { TenantRepository } from '../tenants/tenant-repository.ts';
import type { TechnicianRepository, TechnicianRow } from './technician-repository.ts';

export interface TechnicianDeps {
  db: Database;
  technicians: TechnicianRepository;
  tenants: Pick<TenantRepository, 'findTenant'>;
  auth: Pick<AuthRepository, 'findUserById'>;
  clock: Clock;
}

/**
 * What each use asks of the permission table. The roster is part of a tenant's configuration:
 * its staff read it and its admin edits it; state (free, on a job, off) is dispatch work, so
 * whoever assigns cases may set it. A technician reaches only their own record, for `live`.
 */
export type TechnicianUse = 'read' | 'edit' | 'live';
const actionFor: Record<TechnicianUse, Action> = { read: 'tenant.read', edit: 'tenant.manage', live: 'case.assign' };

export const isOwnRecord = (actor: Principal, row: Pick<TechnicianRow, 'userId'>): boolean =>
  actor.kind === 'user' && row.userId === actor.id;

/** For one record: a technician passes here for `read` and `live`, and `loadTechnician` then insists on their own. */
export function requireTechnicianUse(actor: Principal, tenantId: string, use: TechnicianUse): void {
  requireTenant(actor, tenantId);
  if (actor.role === 'technician' && use !== 'edit') return;
  requirePermission(actor, actionFor[use]);
}

/**
 * Loads a technician of this tenant for a use. Another tenant's technician, and for a
 * technician anyone but themselves, is a 404: its existence is not revealed.
 */
export async function loadTechnician(deps: TechnicianDeps, actor: Principal, tenantId: string, id: string, use: TechnicianUse): Promise<TechnicianRow> {
  requireTechnicianUse(actor, tenantId, use);
  const row = await deps.technicians.findTechnician(id);
  if (!row || !row.tenantIds.includes(tenantId)) throw notFound('technician');
  if (actor.role === 'technician' && !isOwnRecord(actor, row)) throw notFound('technician');
  return row;
}

export async function requireTenantRow(deps: Pick<TechnicianDeps, 'tenants'>, tenantId: string) {
  const tenant = await deps.tenants.findTenant(tenantId);
  if (!tenant) throw notFound('tenant');
  return tenant;
}

export const phoneTaken = (path: string) =>
  new AppError('conflict', `${path}: already the phone of another technician`, [
    { path, message: 'already the phone of another technician (a technician working for several tenants is one record: add the tenant to it)' },
  ]);
