import type { TAgentState } from '../../shared/api/operators.ts';
import { isAgentBusy, type AcdContext, type LiveAgent, type LiveCall } from './acd-context.ts';
import type { AgentRow, QueueCallRow } from './acd-repository.ts';

const startOfDay = (at: Date): Date => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

export function toLiveAgent(row: AgentRow, state: TAgentState, stateSince: Date, registered: boolean, callsToday: number): LiveAgent {
  return {
    userId: row.userId, name: row.name, extension: row.extension, state, stateSince, registered,
    tenantIds: row.tenantIds ?? (row.allTenants ? null : row.visibleTenantIds), languages: row.languages, level: row.level,
    idleSince: stateSince.getTime(), callsToday, misses: 0,
  };
}

function toWaitingCallback(row: QueueCallRow): LiveCall {
  return {
    id: row.id, tenantId: row.tenantId, queueId: row.queueId, callerId: row.callerId, language: row.context.language ?? 'es',
    priority: row.priority, context: row.context, enqueuedAt: row.enqueuedAt, positionAt: row.positionAt, status: 'callback_waiting',
    callRecordId: row.callId, offers: row.offers, triedAgents: [], holdSeconds: 0, callbackOffered: true,
    callbackNumber: row.callbackNumber ?? row.callerId, transferredFrom: row.transferredFrom ?? undefined, caseId: row.caseId ?? undefined,
  };
}

/**
 * Rebuilds the queues from the database after a start. Phone legs do not survive the process, so
 * every caller who was waiting or talking is closed (`server_restart`); promised callbacks are
 * kept in their place; no operator is left ringing, on a call or in wrap-up.
 */
export async function recoverAcd(ctx: AcdContext, isRegistered: (extension: string) => boolean): Promise<{ abandoned: number; callbacks: number; agentsReset: number }> {
  const now = ctx.clock.now();
  const [queues, open, agentRows, answered] = await Promise.all([
    ctx.repo.listQueues(), ctx.repo.listOpenQueueCalls(), ctx.repo.listAgents(), ctx.repo.answeredSince(startOfDay(now)),
  ]);
  const counts = new Map(answered.map((a) => [a.userId, a.count]));
  const callbacks: LiveCall[] = [];
  let abandoned = 0;
  let agentsReset = 0;
  const agents: LiveAgent[] = [];

  await ctx.db.transaction(async (tx) => {
    for (const row of open) {
      const waited = (now.getTime() - row.enqueuedAt.getTime()) / 1000;
      if (row.status === 'callback_waiting' || row.status === 'callback_dialling') {
        if (row.status === 'callback_dialling') await ctx.repo.patchQueueCall(tx, row.id, { status: 'callback_waiting', agentUserId: null });
        callbacks.push(toWaitingCallback(row));
      } else if (row.status === 'waiting' || row.status === 'offered') {
        abandoned += 1;
        await ctx.repo.patchQueueCall(tx, row.id, { status: 'abandoned', endedAt: now, endReason: 'server_restart', waitSeconds: waited, agentUserId: null });
      } else {
        // Connected or wrapping up when the process died: the conversation is over; it counts as answered.
        await ctx.repo.patchQueueCall(tx, row.id, { status: 'completed', endedAt: now, endReason: 'server_restart' });
      }
    }
    for (const row of agentRows) {
      const registered = row.extension ? isRegistered(row.extension) : false;
      let state: TAgentState = row.state ?? 'offline';
      let since = row.stateSince ?? now;
      if (isAgentBusy(state)) {
        state = registered ? 'available' : 'offline';
        since = now;
        agentsReset += 1;
        await ctx.repo.insertAgentState(tx, row.userId, state, 'server_restart', now);
      }
      agents.push(toLiveAgent(row, state, since, registered, counts.get(row.userId) ?? 0));
    }
  });

  ctx.state.queues.clear();
  for (const queue of queues) ctx.state.queues.set(queue.id, queue);
  ctx.state.agents.clear();
  for (const agent of agents) ctx.state.agents.set(agent.userId, agent);
  for (const call of callbacks) ctx.state.calls.set(call.id, call);
  return { abandoned, callbacks: callbacks.length, agentsReset };
}
