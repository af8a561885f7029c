import type { z } from 'zod';
import { ZCreateProtocolVersion } from '../../shared/api/protocols.ts';
import { requirePermission, requireTenant, type Principal } from '../auth/principal.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import type { EventBus } from '../platform/events.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { TenantRepository } from '../tenants/tenant-repository.ts';
import { createProtocolRepository, toProtocolVersion, type ProtocolRepository } from './protocol-repository.ts';

export interface ProtocolDeps {
  db: Database;
  protocols: ProtocolRepository;
  tenants: TenantRepository;
  clock: Clock;
  events: EventBus;
}

async function checkTenant(deps: ProtocolDeps, actor: Principal | 'system', tenantId: string, manage: boolean) {
  if (actor !== 'system') {
    requireTenant(actor, tenantId);
    requirePermission(actor, manage ? 'tenant.manage' : 'tenant.read');
  }
  if (!(await deps.tenants.findTenant(tenantId))) throw notFound('tenant');
}

export async function listProtocolVersions(deps: ProtocolDeps, actor: Principal, tenantId: string) {
  await checkTenant(deps, actor, tenantId, false);
  return (await deps.protocols.listVersions(tenantId)).map(toProtocolVersion);
}

/** Technicians read the version in force too: they fill the same fields on site. */
export async function getProtocolInForce(deps: ProtocolDeps, actor: Principal, tenantId: string) {
  requireTenant(actor, tenantId);
  const row = await deps.protocols.findInForce(tenantId);
  if (!row) throw notFound('published protocol');
  return toProtocolVersion(row);
}

export async function createProtocolDraft(
  deps: ProtocolDeps,
  actor: Principal | 'system',
  tenantId: string,
  input: z.input<typeof ZCreateProtocolVersion>,
) {
  const data = parseInput(ZCreateProtocolVersion, input, 'protocol');
  await checkTenant(deps, actor, tenantId, true);
  // Drafts of one tenant are numbered one at a time so versions stay dense and unique.
  const row = await deps.db.transaction(
    (tx) => createProtocolRepository(tx).insertDraft(tx, tenantId, data.intakeSchema, data.flow ?? null, data.note, data.dispatchPolicy ?? null),
    { lockKeys: [`protocol:${tenantId}`] },
  );
  return toProtocolVersion(row);
}

/** Publishing retires the version in force; cases already opened keep the version they were validated by. */
export async function publishProtocolVersion(deps: ProtocolDeps, actor: Principal | 'system', tenantId: string, version: number) {
  await checkTenant(deps, actor, tenantId, true);
  const existing = await deps.protocols.findVersion(tenantId, version);
  if (!existing) throw notFound('protocol version');
  if (existing.status !== 'draft') throw new AppError('conflict', `version ${version} is ${existing.status}, only a draft can be published`);
  const row = await deps.db.transaction((tx) => createProtocolRepository(tx).publish(tx, tenantId, version, deps.clock.now()));
  deps.events.emit('protocol.published', { tenantId, version });
  return toProtocolVersion(row!);
}
