import type { TSetAgentState } from '../../shared/api/operators.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { createChange } from './acd-change.ts';
import { isAgentBusy, secondsBetween, type AcdContext, type LiveAgent, type LiveCall } from './acd-context.ts';
import { endConversation } from './connect-calls.ts';
import { announceWaiting } from './waiting-callers.ts';

export function liveAgent(ctx: AcdContext, userId: string): LiveAgent {
  const agent = ctx.state.agents.get(userId);
  if (!agent) throw notFound('operator');
  return agent;
}

/** The operator's own stay, or 404: another operator's call is not theirs to touch. */
export function ownCall(ctx: AcdContext, userId: string, queueCallId: string): LiveCall {
  const call = ctx.state.calls.get(queueCallId);
  if (!call || call.agentUserId !== userId) throw notFound('queue call');
  return call;
}

/** Available, break or offline, chosen by the operator; the queues' own states cannot be left by hand. */
export async function setAgentState(ctx: AcdContext, userId: string, input: TSetAgentState): Promise<void> {
  const agent = liveAgent(ctx, userId);
  if (agent.state === input.state) return;
  if (isAgentBusy(agent.state)) {
    throw new AppError('conflict', `you are ${agent.state.replace('_', ' ')}: finish the call (or the wrap-up) first`, [
      { path: 'state', message: `not allowed while ${agent.state}` },
    ]);
  }
  await createChange(ctx)
    .agentState(agent, input.state, 'set by the operator')
    .after(() => {
      agent.misses = 0;
    })
    .commit();
  announceWaiting(ctx);
  ctx.kick();
}

function connectedCall(ctx: AcdContext, userId: string, queueCallId: string): LiveCall {
  const call = ownCall(ctx, userId, queueCallId);
  if (call.status !== 'connected' || !call.leg) throw new AppError('conflict', 'the call is not connected', [{ path: 'id', message: `the call is ${call.status}` }]);
  return call;
}

/** The caller hears hold music; the hold time is counted for the stay. */
export async function holdCall(ctx: AcdContext, userId: string, queueCallId: string): Promise<void> {
  const call = connectedCall(ctx, userId, queueCallId);
  if (call.heldSince) return;
  call.heldSince = ctx.clock.now();
  ctx.telephony().hold(call.leg!);
  ctx.events.emit('queue_call.held', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: userId });
}

export async function resumeCall(ctx: AcdContext, userId: string, queueCallId: string): Promise<void> {
  const call = connectedCall(ctx, userId, queueCallId);
  if (!call.heldSince) return;
  if (call.consult) throw new AppError('conflict', 'finish or cancel the transfer first', [{ path: 'id', message: 'a transfer is in progress' }]);
  const now = ctx.clock.now();
  const holdSeconds = call.holdSeconds + secondsBetween(call.heldSince, now);
  await createChange(ctx)
    .patchCall(call.id, { holdSeconds })
    .after(() => {
      call.holdSeconds = holdSeconds;
      call.heldSince = undefined;
    })
    .emit('queue_call.resumed', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: userId })
    .commit();
  ctx.telephony().resume(call.leg!);
}

export async function hangupCall(ctx: AcdContext, userId: string, queueCallId: string): Promise<void> {
  const call = ownCall(ctx, userId, queueCallId);
  if (call.status !== 'connected') throw new AppError('conflict', 'the call is not connected', [{ path: 'id', message: `the call is ${call.status}` }]);
  await endConversation(ctx, call, 'operator');
}
