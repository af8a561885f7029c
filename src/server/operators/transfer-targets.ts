import type { TTransferTargets } from '../../shared/api/operators.ts';
import type { Principal } from '../auth/principal.ts';
import { visibleQueueCall, type OperatorDeps } from './operator-deps.ts';
import { operatorAgent } from './operator-views.ts';

/**
 * The operators and queues a call may be transferred to: everyone else who serves the call's
 * tenant (signed in or not, with their presence, so the console can say who could answer) and the
 * tenant's active queues. Operators need this without the supervisor's view of the whole desk.
 */
export async function listTransferTargets(deps: OperatorDeps, principal: Principal, queueCallId: string): Promise<TTransferTargets> {
  const me = await operatorAgent(deps, principal);
  const row = await visibleQueueCall(deps, principal, queueCallId, 'queue.answer');
  const { state } = deps.acd;
  const agents = [...state.agents.values()]
    .filter((a) => a.userId !== me.userId && (a.tenantIds === null || a.tenantIds.includes(row.tenantId)))
    .map((a) => ({ userId: a.userId, name: a.name, state: a.state, registered: a.registered }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const queues = [...state.queues.values()]
    .filter((q) => q.tenantId === row.tenantId && q.active)
    .map((q) => ({ id: q.id, name: q.name }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { agents, queues };
}
