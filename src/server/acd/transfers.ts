import { randomUUID } from 'node:crypto';
import type { TTransferQueueCall } from '../../shared/api/operators.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { TLegId, TRingFailure } from './acd-telephony.ts';
import { createChange, type AcdChange } from './acd-change.ts';
import { secondsBetween, type AcdContext, type LiveAgent, type LiveCall } from './acd-context.ts';
import { releaseConsult } from './connect-calls.ts';
import { ownCall } from './operator-actions.ts';
import { agentQualifies, isOfferable } from './routing.ts';
import { routingCall } from './offer-calls.ts';
import { admitWaiting, announceWaiting } from './waiting-callers.ts';
import { startWrapUp } from './wrap-up.ts';

function connected(ctx: AcdContext, userId: string, queueCallId: string): LiveCall {
  const call = ownCall(ctx, userId, queueCallId);
  if (call.status !== 'connected' || !call.leg || !call.agentLeg) {
    throw new AppError('conflict', 'only a connected call can be transferred', [{ path: 'id', message: `the call is ${call.status}` }]);
  }
  return call;
}

function targetAgent(ctx: AcdContext, call: LiveCall, userId: string, agentUserId: string, mustBeFree: boolean): LiveAgent {
  const target = ctx.state.agents.get(agentUserId);
  const queue = ctx.state.queues.get(call.queueId)!;
  if (!target || target.userId === userId || !agentQualifies(target, { ...queue, requiredSkills: [], language: null }, routingCall(call))) {
    throw notFound('operator');
  }
  if (mustBeFree && !isOfferable(target)) {
    throw new AppError('conflict', `the operator is ${target.state.replace('_', ' ')}`, [{ path: 'to.agentUserId', message: 'not available' }]);
  }
  return target;
}

/** The stay being left: closed as `transferred` with its talk so far; its operator gets wrap-up. */
function closeAsTransferred(call: LiveCall, change: AcdChange): void {
  change.patchCall(call.id, { status: 'transferred', endedAt: change.now, endReason: 'transferred' });
  call.transferred = true;
}

function newStay(call: LiveCall, queueId: string, now: Date, note: string | undefined): LiveCall {
  return {
    id: randomUUID(), tenantId: call.tenantId, queueId, callerId: call.callerId, callerName: call.callerName, language: call.language,
    priority: call.priority, context: { ...call.context, ...(note ? { transferNote: note } : {}) }, enqueuedAt: now, positionAt: now,
    status: 'waiting', leg: call.leg, callRecordId: call.callRecordId, offers: 0, triedAgents: [], holdSeconds: 0,
    callbackOffered: false, transferredFrom: call.id, caseId: call.caseId,
  };
}

const insertRow = (change: AcdChange, stay: LiveCall) =>
  change.insertCall({
    id: stay.id, tenantId: stay.tenantId, queueId: stay.queueId, callId: stay.callRecordId, callerId: stay.callerId, priority: stay.priority,
    context: stay.context, enqueuedAt: stay.enqueuedAt, positionAt: stay.positionAt, status: stay.status, transferredFrom: stay.transferredFrom ?? null,
    caseId: stay.caseId ?? null, agentUserId: stay.agentUserId ?? null, answeredAt: stay.answeredAt ?? null,
  });

/** Blind transfer: the caller waits in the target queue (or for the named operator) with everything collected so far. */
export async function blindTransfer(ctx: AcdContext, userId: string, queueCallId: string, input: TTransferQueueCall): Promise<{ queueCallId: string }> {
  const call = connected(ctx, userId, queueCallId);
  if (call.consult) throw new AppError('conflict', 'an attended transfer is in progress', [{ path: 'mode', message: 'cancel it first' }]);
  let queueId = call.queueId;
  let target: LiveAgent | undefined;
  if ('queueId' in input.to) {
    const queue = ctx.state.queues.get(input.to.queueId);
    if (!queue || queue.tenantId !== call.tenantId || !queue.active) throw notFound('queue');
    queueId = queue.id;
  } else {
    target = targetAgent(ctx, call, userId, input.to.agentUserId, false);
  }
  const change = createChange(ctx);
  const stay = newStay(call, queueId, change.now, input.note);
  stay.targetAgentUserId = target?.userId;
  const agentLeg = call.agentLeg!;
  closeAsTransferred(call, change);
  insertRow(change, stay);
  change.after(() => {
    ctx.state.legs.delete(agentLeg);
    call.leg = undefined;
    call.agentLeg = undefined;
    admitWaiting(ctx, stay);
  });
  ctx.telephony().hangup(agentLeg);
  await startWrapUp(ctx, call, 'transfer', change);
  announceWaiting(ctx);
  ctx.kick();
  return { queueCallId: stay.id };
}

/** Attended transfer: the caller is held while the operator talks to a colleague, who gets the screen pop. */
export async function startAttendedTransfer(ctx: AcdContext, userId: string, queueCallId: string, agentUserId: string): Promise<void> {
  const call = connected(ctx, userId, queueCallId);
  if (call.consult) throw new AppError('conflict', 'a transfer is already in progress', [{ path: 'mode', message: 'finish or cancel it first' }]);
  const target = targetAgent(ctx, call, userId, agentUserId, true);
  const queue = ctx.state.queues.get(call.queueId)!;
  const token = ++ctx.state.nextToken;
  if (!call.heldSince) {
    call.heldSince = ctx.clock.now();
    ctx.telephony().hold(call.leg!);
  }
  await createChange(ctx)
    .agentState(target, 'ringing', `transfer of ${call.id}`)
    .after(() => {
      target.queueCallId = call.id;
      call.consult = { agentUserId: target.userId, token, cancelTimeout: () => {} };
    })
    .emit('queue_call.held', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: userId })
    .emit('queue_call.offered', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: target.userId, ringTimeoutSeconds: queue.ringTimeoutSeconds })
    .commit();
  const consult = call.consult!;
  const timeoutMs = queue.ringTimeoutSeconds * 1000;
  consult.cancelTimeout = ctx.timers.set(timeoutMs, () => void ctx.serial(() => consultFailed(ctx, call.id, token, 'no_answer')));
  consult.handle = ctx.telephony().ringAgent(
    { extension: target.extension ?? '', callerId: call.callerId, callerName: call.callerName, timeoutMs },
    {
      answered: (leg) => void ctx.serial(() => consultAnswered(ctx, call.id, token, leg)),
      failed: (reason) => void ctx.serial(() => consultFailed(ctx, call.id, token, reason)),
    },
  );
}

async function consultAnswered(ctx: AcdContext, callId: string, token: number, leg: TLegId): Promise<void> {
  const call = ctx.state.calls.get(callId);
  if (!call?.consult || call.consult.token !== token || !call.agentLeg) {
    ctx.telephony().hangup(leg);
    return;
  }
  const target = ctx.state.agents.get(call.consult.agentUserId)!;
  call.consult.cancelTimeout();
  call.consult.leg = leg;
  ctx.state.legs.set(leg, { queueCallId: call.id, role: 'consult' });
  await createChange(ctx).agentState(target, 'on_call', `consulted on ${call.id}`).after(() => (target.queueCallId = call.id)).commit();
  ctx.telephony().bridge(call.agentLeg, leg);
}

async function consultFailed(ctx: AcdContext, callId: string, token: number, reason: TRingFailure): Promise<void> {
  const call = ctx.state.calls.get(callId);
  if (!call?.consult || call.consult.token !== token || call.consult.leg) return;
  const target = call.consult.agentUserId;
  const change = createChange(ctx);
  releaseConsult(ctx, call, change);
  await change.emit('queue_call.offer_withdrawn', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: target, reason }).commit();
  ctx.kick();
}

/** The colleague takes the caller: a new stay begins, connected to them, and the first operator wraps up. */
export async function completeAttendedTransfer(ctx: AcdContext, userId: string, queueCallId: string): Promise<{ queueCallId: string }> {
  const call = connected(ctx, userId, queueCallId);
  const consult = call.consult;
  if (!consult?.leg) throw new AppError('conflict', 'the colleague has not answered yet', [{ path: 'id', message: 'no answered transfer' }]);
  const target = ctx.state.agents.get(consult.agentUserId)!;
  const change = createChange(ctx);
  const stay = newStay(call, call.queueId, change.now, undefined);
  Object.assign(stay, { status: 'connected', agentUserId: target.userId, agentLeg: consult.leg, answeredAt: change.now });
  const [callerLeg, oldAgentLeg, consultLeg] = [call.leg!, call.agentLeg!, consult.leg];
  call.holdSeconds += secondsBetween(call.heldSince, change.now);
  call.heldSince = undefined;
  consult.cancelTimeout();
  call.consult = undefined;
  closeAsTransferred(call, change);
  insertRow(change, stay);
  change
    .after(() => {
      ctx.state.legs.delete(oldAgentLeg);
      ctx.state.legs.set(callerLeg, { queueCallId: stay.id, role: 'caller' });
      ctx.state.legs.set(consultLeg, { queueCallId: stay.id, role: 'agent' });
      ctx.state.calls.set(stay.id, stay);
      call.leg = undefined;
      call.agentLeg = undefined;
      target.queueCallId = stay.id;
      target.callsToday += 1;
    })
    .emit('queue_call.connected', { tenantId: stay.tenantId, queueCallId: stay.id, agentUserId: target.userId });
  ctx.telephony().bridge(callerLeg, consultLeg);
  ctx.telephony().hangup(oldAgentLeg);
  await startWrapUp(ctx, call, 'transfer', change);
  return { queueCallId: stay.id };
}

/** The colleague is let go and the caller is back with the first operator. */
export async function cancelAttendedTransfer(ctx: AcdContext, userId: string, queueCallId: string): Promise<void> {
  const call = connected(ctx, userId, queueCallId);
  if (!call.consult) throw new AppError('conflict', 'no transfer is in progress', [{ path: 'id', message: 'nothing to cancel' }]);
  const change = createChange(ctx);
  const target = call.consult.agentUserId;
  const holdSeconds = call.holdSeconds + secondsBetween(call.heldSince, change.now);
  releaseConsult(ctx, call, change);
  await change
    .patchCall(call.id, { holdSeconds })
    .after(() => {
      call.holdSeconds = holdSeconds;
      call.heldSince = undefined;
    })
    .emit('queue_call.offer_withdrawn', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: target, reason: 'transfer cancelled' })
    .emit('queue_call.resumed', { tenantId: call.tenantId, queueCallId: call.id, agentUserId: userId })
    .commit();
  ctx.telephony().bridge(call.leg!, call.agentLeg!);
  ctx.kick();
}
