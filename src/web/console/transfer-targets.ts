import type { TApiClient } from '../api/client.ts';
import { getTransferTargets } from '../api/operators.ts';

export type TTransferTargets = {
  agents: { userId: string; name: string; state: string }[];
  queues: { id: string; label: string }[];
};

/** Where a call can go: the other operators serving its tenant, and its tenant's queues. */
export async function loadTransferTargets(api: TApiClient, queueCallId: string, signal: AbortSignal): Promise<TTransferTargets> {
  const targets = await getTransferTargets(api, queueCallId, signal);
  return {
    agents: targets.agents.map((a) => ({ userId: a.userId, name: a.name, state: a.state })),
    queues: targets.queues.map((q) => ({ id: q.id, label: q.name })),
  };
}
