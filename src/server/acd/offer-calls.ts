import type { TRingFailure, TLegId } from './acd-telephony.ts';
import { createChange, type AcdChange } from './acd-change.ts';
import { openStatuses, type AcdContext, type LiveAgent, type LiveCall } from './acd-context.ts';
import { planOffers, stateAfterMissedOffer, type RoutingCall } from './routing.ts';
import { connectCall } from './connect-calls.ts';

const routable = (call: LiveCall): boolean => (call.status === 'waiting' || call.status === 'callback_waiting') && !call.ring;

export function routingCall(call: LiveCall): RoutingCall {
  return {
    id: call.id, queueId: call.queueId, tenantId: call.tenantId, language: call.language, priority: call.priority,
    positionAt: call.positionAt.getTime(), targetAgentUserId: call.targetAgentUserId, triedAgents: call.triedAgents,
  };
}

/**
 * One routing pass: every free operator who qualifies is offered the most urgent call they can
 * take. All offers of the pass are written in one transaction, then every phone is rung.
 */
export async function routeCalls(ctx: AcdContext): Promise<void> {
  const { state } = ctx;
  const calls = [...state.calls.values()].filter(routable).map(routingCall);
  if (calls.length === 0) return;
  const planned = planOffers({ calls, queues: state.queues, agents: [...state.agents.values()], roundRobin: state.roundRobin });
  if (planned.length === 0) return;
  const change = createChange(ctx);
  const offers: [LiveCall, LiveAgent][] = [];
  for (const offer of planned) {
    const call = state.calls.get(offer.callId)!;
    const agent = state.agents.get(offer.agentUserId)!;
    prepareOffer(ctx, change, call, agent);
    offers.push([call, agent]);
  }
  await change.commit();
  for (const [call, agent] of offers) ringOffered(ctx, call, agent);
}

function prepareOffer(ctx: AcdContext, change: AcdChange, call: LiveCall, agent: LiveAgent): void {
  const queue = ctx.state.queues.get(call.queueId)!;
  const token = ++ctx.state.nextToken;
  const returnTo = call.status === 'callback_waiting' ? 'callback_waiting' : 'waiting';
  change
    .patchCall(call.id, { status: 'offered', offers: call.offers + 1, agentUserId: agent.userId })
    .agentState(agent, 'ringing', `offer ${call.id}`)
    .after(() => {
      call.status = 'offered';
      call.offers += 1;
      call.agentUserId = agent.userId;
      agent.queueCallId = call.id;
      ctx.state.roundRobin.set(queue.id, agent.userId);
      call.ring = { token, agentUserId: agent.userId, returnTo, cancelTimeout: () => {} };
    })
    .emit('queue_call.offered', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: agent.userId, ringTimeoutSeconds: queue.ringTimeoutSeconds })
    .emit('queue.changed', { tenantId: call.tenantId });
}

/** Rings the operator's phone (the screen pop left with the offer event); a timeout passes the call on. */
function ringOffered(ctx: AcdContext, call: LiveCall, agent: LiveAgent): void {
  const queue = ctx.state.queues.get(call.queueId)!;
  const ring = call.ring!;
  const token = ring.token;
  const timeoutMs = queue.ringTimeoutSeconds * 1000;
  // The line has its own timeout; this one makes sure a silent failure never leaves the operator ringing.
  ring.cancelTimeout = ctx.timers.set(timeoutMs, () => void ctx.serial(() => ringFailed(ctx, call.id, token, 'no_answer')));
  ring.handle = ctx.telephony().ringAgent(
    { extension: agent.extension ?? '', callerId: call.callbackNumber ?? call.callerId, callerName: call.callerName, timeoutMs },
    {
      answered: (leg) => void ctx.serial(() => ringAnswered(ctx, call.id, token, leg)),
      failed: (reason) => void ctx.serial(() => ringFailed(ctx, call.id, token, reason)),
    },
  );
}

async function ringAnswered(ctx: AcdContext, callId: string, token: number, leg: TLegId): Promise<void> {
  const call = ctx.state.calls.get(callId);
  if (!call?.ring || call.ring.token !== token) {
    // The caller left, or the offer moved on, while the phone was being picked up.
    ctx.telephony().hangup(leg);
    return;
  }
  const agent = ctx.state.agents.get(call.ring.agentUserId)!;
  call.ring.cancelTimeout();
  call.ring = undefined;
  await connectCall(ctx, call, agent, leg);
}

/** A ring that did not end in an answer: the call goes back to its place, the operator to available or break. */
export async function ringFailed(ctx: AcdContext, callId: string, token: number, reason: TRingFailure): Promise<void> {
  const call = ctx.state.calls.get(callId);
  if (!call?.ring || call.ring.token !== token) return;
  const ring = call.ring;
  ring.cancelTimeout();
  ring.handle?.cancel();
  const agent = ctx.state.agents.get(ring.agentUserId)!;
  const queue = ctx.state.queues.get(call.queueId)!;
  const missed = reason !== 'cancelled';
  const misses = missed ? agent.misses + 1 : agent.misses;
  const next = reason === 'unregistered' ? 'offline' : stateAfterMissedOffer(misses, queue.maxNoAnswers);
  await createChange(ctx)
    .patchCall(call.id, { status: ring.returnTo, agentUserId: null })
    .agentState(agent, next, next === 'break' ? `${misses} offers not answered` : `offer ${reason}`)
    .after(() => {
      agent.misses = misses;
      call.ring = undefined;
      call.status = ring.returnTo;
      call.agentUserId = undefined;
      if (!call.triedAgents.includes(agent.userId)) call.triedAgents.push(agent.userId);
      // A transfer to a named operator who does not answer goes to whoever the queue picks next.
      call.targetAgentUserId = undefined;
    })
    .emit('queue_call.offer_withdrawn', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: agent.userId, reason })
    .emit('queue.changed', { tenantId: call.tenantId })
    .commit();
  ctx.kick();
}

/** Stops an offer because the caller left or the process is stopping; the operator is free again at once. */
export function withdrawRing(ctx: AcdContext, call: LiveCall, change: AcdChange, reason: string): void {
  const ring = call.ring;
  if (!ring) return;
  ring.cancelTimeout();
  ring.handle?.cancel();
  const agent = ctx.state.agents.get(ring.agentUserId);
  call.ring = undefined;
  if (!agent) return;
  change.agentState(agent, 'available', `offer withdrawn: ${reason}`);
  change.emit('queue_call.offer_withdrawn', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: agent.userId, reason });
}

/** Calls still in a queue, in serving order per queue. */
export function openCalls(ctx: AcdContext): LiveCall[] {
  return [...ctx.state.calls.values()].filter((c) => openStatuses.includes(c.status));
}
