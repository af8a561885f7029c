import type { z } from 'zod';
import { ZCreateQueue, ZUpdateOperator, ZUpdateQueue, type TAgentSkills, type TQueue } from '../../shared/api/operators.ts';
import type { QueueRow } from '../acd/acd-repository.ts';
import { canSeeTenant, requirePermission, requireTenant, tenantScope, type Principal } from '../auth/principal.ts';
import { AppError, invalidField, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import type { OperatorDeps } from './operator-deps.ts';

const toQueue = ({ createdAt, ...q }: QueueRow): TQueue => ({ ...q, createdAt: createdAt.toISOString() });

export async function listQueues(deps: OperatorDeps, principal: Principal): Promise<{ items: TQueue[] }> {
  requirePermission(principal, 'queue.read');
  return { items: (await deps.queues.listQueues(tenantScope(principal))).map(toQueue) };
}

async function visibleQueue(deps: OperatorDeps, principal: Principal, id: string): Promise<QueueRow> {
  const queue = /^[0-9a-f-]{36}$/i.test(id) ? await deps.queues.findQueue(id) : undefined;
  if (!queue || !canSeeTenant(principal, queue.tenantId)) throw notFound('queue');
  return queue;
}

/** The IVR names queues in its transfer node, so a name is unique per tenant. */
async function saving<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new AppError('conflict', 'the tenant already has a queue with that name', [{ path: 'name', message: 'already used' }]);
    throw error;
  }
}

export async function createQueue(deps: OperatorDeps, principal: Principal, input: z.input<typeof ZCreateQueue>): Promise<TQueue> {
  const data = parseInput(ZCreateQueue, input, 'queue');
  requirePermission(principal, 'queue.manage');
  requireTenant(principal, data.tenantId);
  if (!(await deps.tenants.findTenant(data.tenantId))) throw notFound('tenant');
  const id = await saving(() => deps.db.transaction((tx) => deps.queues.insertQueue(tx, data)));
  await deps.acd.reloadQueues();
  return toQueue((await deps.queues.findQueue(id))!);
}

export async function updateQueue(deps: OperatorDeps, principal: Principal, id: string, input: z.input<typeof ZUpdateQueue>): Promise<TQueue> {
  const patch = parseInput(ZUpdateQueue, input, 'queue');
  requirePermission(principal, 'queue.manage');
  const queue = await visibleQueue(deps, principal, id);
  await saving(() => deps.db.transaction((tx) => deps.queues.updateQueue(tx, { ...queue, ...patch })));
  await deps.acd.reloadQueues();
  return toQueue((await deps.queues.findQueue(id))!);
}

/** An administrator sets which tenants, languages and level an operator's calls are routed by. */
export async function updateOperator(deps: OperatorDeps, principal: Principal, userId: string, input: z.input<typeof ZUpdateOperator>): Promise<TAgentSkills> {
  const data = parseInput(ZUpdateOperator, input, 'operator');
  requirePermission(principal, 'queue.manage');
  const [row] = /^[0-9a-f-]{36}$/i.test(userId) ? await deps.queues.listAgents(userId) : [];
  if (!row || (!row.allTenants && !principal.allTenants && !row.visibleTenantIds.some((t) => canSeeTenant(principal, t)))) throw notFound('operator');
  const visible = row.allTenants ? null : row.visibleTenantIds;
  for (const [i, tenantId] of (data.skills.tenantIds ?? []).entries()) {
    if (visible !== null && !visible.includes(tenantId)) throw invalidField(`skills.tenantIds.${i}`, 'the operator may not see this tenant');
    if (!canSeeTenant(principal, tenantId)) throw invalidField(`skills.tenantIds.${i}`, 'unknown tenant');
  }
  const skills = {
    tenantIds: data.skills.tenantIds ?? row.tenantIds,
    languages: data.skills.languages ?? row.languages,
    level: data.skills.level ?? row.level,
  };
  await deps.db.transaction((tx) => deps.queues.saveSkills(tx, userId, skills, deps.clock.now()));
  await deps.acd.refreshAgent(userId);
  return { tenantIds: skills.tenantIds ?? visible ?? [], languages: skills.languages, level: skills.level };
}
