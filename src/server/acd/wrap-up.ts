import { createChange, type AcdChange } from './acd-change.ts';
import { secondsBetween, type AcdContext, type LiveCall } from './acd-context.ts';

const handleTimesKept = 50;

function talkAndHold(call: LiveCall, now: Date): { talkSeconds: number; holdSeconds: number } {
  const holdSeconds = call.holdSeconds + secondsBetween(call.heldSince, now);
  return { talkSeconds: Math.max(0, secondsBetween(call.answeredAt, now) - holdSeconds), holdSeconds };
}

/**
 * The conversation is over: the stay records its talk and hold time and the operator gets the
 * queue's wrap-up time (none means available at once).
 */
export async function startWrapUp(ctx: AcdContext, call: LiveCall, by: 'caller' | 'operator' | 'transfer', change: AcdChange = createChange(ctx)): Promise<void> {
  const agent = call.agentUserId ? ctx.state.agents.get(call.agentUserId) : undefined;
  const queue = ctx.state.queues.get(call.queueId)!;
  const now = change.now;
  const times = talkAndHold(call, now);
  const wrapUpMs = queue.wrapUpSeconds * 1000;
  const until = new Date(now.getTime() + wrapUpMs);
  const status = call.transferred ? {} : { status: wrapUpMs > 0 ? 'wrap_up' : 'completed' };
  change.patchCall(call.id, { ...status, ...times, ...(wrapUpMs > 0 ? {} : { endedAt: now, wrapUpSeconds: 0 }) });
  if (agent) change.agentState(agent, wrapUpMs > 0 ? 'wrap_up' : 'available', `call ended by ${by}`);
  await change
    .after(() => {
      call.heldSince = undefined;
      call.holdSeconds = times.holdSeconds;
      call.status = wrapUpMs > 0 ? 'wrap_up' : 'completed';
      if (agent && wrapUpMs > 0) agent.queueCallId = call.id;
      rememberHandleTime(ctx, call.queueId, times.talkSeconds + times.holdSeconds + queue.wrapUpSeconds);
      if (wrapUpMs > 0) {
        call.wrapUpStartedAt = now;
        call.wrapUpUntil = until;
        call.cancelWrapUp = ctx.timers.set(wrapUpMs, () => void ctx.serial(() => finishWrapUp(ctx, call.id, {})));
      } else {
        ctx.state.calls.delete(call.id);
      }
    })
    .emit('queue_call.ended', {
      tenantId: call.tenantId, queueCallId: call.id, agentUserId: agent?.userId ?? '', by,
      ...(wrapUpMs > 0 ? { wrapUpUntil: until.toISOString() } : {}),
    })
    .emit('queue.changed', { tenantId: call.tenantId })
    .commit();
  ctx.kick();
}

/** Wrap-up ends (its time ran out, or the operator gave a code early); the operator is available again. */
export async function finishWrapUp(ctx: AcdContext, callId: string, outcome: { code?: string; notes?: string }): Promise<LiveCall | undefined> {
  const call = ctx.state.calls.get(callId);
  if (!call || call.status !== 'wrap_up') return undefined;
  call.cancelWrapUp?.();
  const agent = call.agentUserId ? ctx.state.agents.get(call.agentUserId) : undefined;
  const change = createChange(ctx);
  const wrapUpSeconds = secondsBetween(call.wrapUpStartedAt, change.now);
  change.patchCall(call.id, {
    ...(call.transferred ? {} : { status: 'completed', endedAt: change.now }),
    wrapUpSeconds, wrapUpCode: outcome.code ?? null, wrapUpNotes: outcome.notes ?? null,
  });
  if (agent && agent.queueCallId === call.id && agent.state === 'wrap_up') change.agentState(agent, 'available', outcome.code ? `wrap-up ${outcome.code}` : 'wrap-up time over');
  await change
    .after(() => {
      call.status = 'completed';
      ctx.state.calls.delete(call.id);
    })
    .emit('queue.changed', { tenantId: call.tenantId })
    .commit();
  ctx.kick();
  return call;
}

function rememberHandleTime(ctx: AcdContext, queueId: string, seconds: number): void {
  const list = ctx.state.handleTimes.get(queueId) ?? [];
  list.push(seconds);
  if (list.length > handleTimesKept) list.shift();
  ctx.state.handleTimes.set(queueId, list);
}

export function averageHandleSeconds(ctx: AcdContext, queueId: string): number | undefined {
  const list = ctx.state.handleTimes.get(queueId);
  if (!list || list.length === 0) return undefined;
  return list.reduce((a, b) => a + b, 0) / list.length;
}
