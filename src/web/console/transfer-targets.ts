import type { TApiClient } from '../api/client.ts';
import { getSupervisorOverview, listQueues } from '../api/operators.ts';

export type TTransferTargets = {
  agents: { userId: string; name: string; state: string }[];
  queues: { id: string; label: string }[];
};

/**
 * Where a call can go. The overview names the operators and every queue; when the signed-in
 * role may not read it, the queue list alone still allows a transfer to a queue.
 */
export async function loadTransferTargets(api: TApiClient, tenantId: string, selfUserId: string, signal: AbortSignal): Promise<TTransferTargets> {
  try {
    const overview = await getSupervisorOverview(api, signal);
    return {
      agents: overview.agents.filter((a) => a.userId !== selfUserId).map((a) => ({ userId: a.userId, name: a.name, state: a.state })),
      queues: overview.queues.filter((q) => q.tenant.id === tenantId).map((q) => ({ id: q.id, label: q.name })),
    };
  } catch (error) {
    if (signal.aborted) throw error;
    const queues = await listQueues(api, signal).catch(() => []);
    return { agents: [], queues: queues.filter((q) => q.tenantId === tenantId && q.active).map((q) => ({ id: q.id, label: q.name })) };
  }
}
