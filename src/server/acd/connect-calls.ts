import type { TLanguage } from '../../shared/common.ts';
import type { TLegId, TRingFailure } from './acd-telephony.ts';
import { createChange, type AcdChange } from './acd-change.ts';
import type { AcdContext, LiveAgent, LiveCall } from './acd-context.ts';
import { startWrapUp } from './wrap-up.ts';

const recordingNotice: Record<TLanguage, string> = {
  es: 'Esta llamada puede ser grabada para mejorar nuestro servicio.',
  ca: 'Aquesta trucada pot ser enregistrada per millorar el nostre servei.',
  en: 'This call may be recorded to improve our service.',
};

const callbackDialTimeoutMs = 40_000;

/** The operator picked up: a waiting caller is bridged; a callback first dials the customer. */
export async function connectCall(ctx: AcdContext, call: LiveCall, agent: LiveAgent, agentLeg: TLegId): Promise<void> {
  ctx.state.legs.set(agentLeg, { queueCallId: call.id, role: 'agent' });
  if (!call.leg) return dialCallback(ctx, call, agent, agentLeg);
  await markConnected(ctx, call, agent, agentLeg);
  bridgeParties(ctx, call);
}

async function markConnected(ctx: AcdContext, call: LiveCall, agent: LiveAgent, agentLeg: TLegId): Promise<void> {
  const change = createChange(ctx);
  await change
    .patchCall(call.id, {
      status: 'connected', answeredAt: change.now, agentUserId: agent.userId,
      waitSeconds: (change.now.getTime() - call.enqueuedAt.getTime()) / 1000,
    })
    .agentState(agent, 'on_call', `call ${call.id}`)
    .after(() => {
      call.status = 'connected';
      call.answeredAt = change.now;
      call.agentUserId = agent.userId;
      call.agentLeg = agentLeg;
      agent.queueCallId = call.id;
      agent.callsToday += 1;
      call.cancelCallbackOffer?.();
    })
    .emit('queue_call.connected', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: agent.userId })
    .emit('queue.changed', { tenantId: call.tenantId })
    .commit();
}

/** Joins caller and operator; a recorded queue first tells the caller so. */
export function bridgeParties(ctx: AcdContext, call: LiveCall): void {
  const queue = ctx.state.queues.get(call.queueId);
  const telephony = ctx.telephony();
  if (!call.leg || !call.agentLeg) return;
  if (!queue?.recordCalls) {
    telephony.bridge(call.leg, call.agentLeg);
    return;
  }
  const [leg, agentLeg] = [call.leg, call.agentLeg];
  void telephony
    .say(leg, recordingNotice[call.language], call.language)
    .then(() => {
      if (call.status === 'connected' && call.leg === leg && call.agentLeg === agentLeg) {
        telephony.bridge(leg, agentLeg, { record: { tenantId: call.tenantId, queueCallId: call.id } });
      }
    })
    .catch((error: unknown) => ctx.log.warn('recording notice failed', { queueCallId: call.id, error }));
}

async function dialCallback(ctx: AcdContext, call: LiveCall, agent: LiveAgent, agentLeg: TLegId): Promise<void> {
  await createChange(ctx)
    .patchCall(call.id, { status: 'callback_dialling', agentUserId: agent.userId })
    .agentState(agent, 'on_call', `callback ${call.id}`)
    .after(() => {
      call.status = 'callback_dialling';
      call.agentUserId = agent.userId;
      call.agentLeg = agentLeg;
      agent.queueCallId = call.id;
    })
    .emit('queue.changed', { tenantId: call.tenantId })
    .commit();
  const line = await ctx.lineNumberOf(call.tenantId);
  call.dial = ctx.telephony().dialOut(
    { tenantId: call.tenantId, number: call.callbackNumber ?? call.callerId, callerId: line ?? '', timeoutMs: callbackDialTimeoutMs },
    {
      answered: (leg) => void ctx.serial(() => callbackAnswered(ctx, call.id, agentLeg, leg)),
      failed: (reason) => void ctx.serial(() => callbackFailed(ctx, call.id, agentLeg, reason)),
    },
  );
}

async function callbackAnswered(ctx: AcdContext, callId: string, agentLeg: TLegId, leg: TLegId): Promise<void> {
  const call = ctx.state.calls.get(callId);
  if (!call || call.status !== 'callback_dialling' || call.agentLeg !== agentLeg) {
    ctx.telephony().hangup(leg);
    return;
  }
  const agent = ctx.state.agents.get(call.agentUserId!)!;
  call.dial = undefined;
  call.leg = leg;
  ctx.state.legs.set(leg, { queueCallId: call.id, role: 'caller' });
  await markConnected(ctx, call, agent, agentLeg);
  bridgeParties(ctx, call);
}

/** The customer did not pick up the callback: recorded, and the operator is free at once. */
async function callbackFailed(ctx: AcdContext, callId: string, agentLeg: TLegId, reason: TRingFailure): Promise<void> {
  const call = ctx.state.calls.get(callId);
  if (!call || call.status !== 'callback_dialling' || call.agentLeg !== agentLeg) return;
  const agent = ctx.state.agents.get(call.agentUserId!)!;
  const change = createChange(ctx);
  await change
    .patchCall(call.id, {
      status: 'callback_failed', endedAt: change.now, endReason: `callback_${reason}`,
      waitSeconds: (change.now.getTime() - call.enqueuedAt.getTime()) / 1000,
    })
    .agentState(agent, 'available', `callback ${reason}`)
    .after(() => {
      call.dial = undefined;
      call.status = 'callback_failed';
      ctx.state.legs.delete(agentLeg);
      ctx.state.calls.delete(call.id);
    })
    .emit('queue_call.ended', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: agent.userId, by: 'system' })
    .emit('queue.changed', { tenantId: call.tenantId })
    .commit();
  ctx.telephony().hangup(agentLeg);
  ctx.kick();
}

/** Either side hung up (or the operator pressed hang up): the other side is released and wrap-up begins. */
export async function endConversation(ctx: AcdContext, call: LiveCall, by: 'caller' | 'operator'): Promise<void> {
  const telephony = ctx.telephony();
  const change = createChange(ctx);
  if (call.consult) releaseConsult(ctx, call, change);
  for (const leg of [call.leg, call.agentLeg]) {
    if (!leg) continue;
    ctx.state.legs.delete(leg);
    telephony.hangup(leg);
  }
  call.leg = undefined;
  call.agentLeg = undefined;
  await startWrapUp(ctx, call, by, change);
}

/** Drops an attended transfer's consulted operator (ringing or talking); they are free again. */
export function releaseConsult(ctx: AcdContext, call: LiveCall, change: AcdChange): void {
  const consult = call.consult;
  if (!consult) return;
  consult.cancelTimeout();
  consult.handle?.cancel();
  if (consult.leg) {
    ctx.state.legs.delete(consult.leg);
    ctx.telephony().hangup(consult.leg);
  }
  call.consult = undefined;
  const target = ctx.state.agents.get(consult.agentUserId);
  if (target && target.queueCallId === call.id && (target.state === 'ringing' || target.state === 'on_call')) {
    change.agentState(target, 'available', 'consultation ended');
  }
}
