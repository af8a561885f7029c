import { randomUUID } from 'node:crypto';
import type { TLanguage } from '../../shared/common.ts';
import type { TEnqueueRequest } from './acd-telephony.ts';
import { createChange } from './acd-change.ts';
import { openStatuses, type AcdContext, type LiveCall } from './acd-context.ts';
import { withdrawRing, routingCall } from './offer-calls.ts';
import { callbackDue, estimateWaitSeconds, queuePositions, queueIsStaffed } from './routing.ts';
import { averageHandleSeconds } from './wrap-up.ts';

const callbackConfirmation: Record<TLanguage, string> = {
  es: 'De acuerdo. Le llamaremos en cuanto un operador quede libre, sin perder su turno. Gracias.',
  ca: "D'acord. Us trucarem tan aviat com un operador quedi lliure, sense perdre el torn. Gràcies.",
  en: 'Thank you. We will call you back as soon as an operator is free, keeping your place in the queue.',
};

const reannounceMs = 20_000;

/** The IVR hands a caller over: a stay is written, the caller hears their place, routing runs. */
export async function enqueueCaller(ctx: AcdContext, request: TEnqueueRequest): Promise<boolean> {
  const queue = [...ctx.state.queues.values()].find((q) => q.tenantId === request.tenantId && q.name === request.queueName && q.active);
  if (!queue) return false;
  const probe = { id: '', queueId: queue.id, tenantId: request.tenantId, language: request.language, priority: 0, positionAt: 0, triedAgents: [] };
  if (!queueIsStaffed(ctx.state.agents.values(), queue, probe)) {
    ctx.log.info('no operator signed in for the queue; the flow takes its fallback', { queueId: queue.id, leg: request.leg });
    return false;
  }
  const change = createChange(ctx);
  const call: LiveCall = {
    id: randomUUID(), tenantId: request.tenantId, queueId: queue.id, callerId: request.callerId, language: request.language,
    priority: 0, context: { ...request.context, language: request.language }, enqueuedAt: change.now, positionAt: change.now,
    status: 'waiting', leg: request.leg, callRecordId: request.leg, offers: 0, triedAgents: [], holdSeconds: 0, callbackOffered: false,
    caseId: request.context.caseId,
  };
  await change
    .insertCall({
      id: call.id, tenantId: call.tenantId, queueId: call.queueId, callId: call.callRecordId, callerId: call.callerId, priority: 0,
      context: call.context, enqueuedAt: call.enqueuedAt, positionAt: call.positionAt, status: 'waiting', transferredFrom: null,
      caseId: call.caseId ?? null, agentUserId: null, answeredAt: null,
    })
    .after(() => admitWaiting(ctx, call))
    .emit('queue.changed', { tenantId: call.tenantId })
    .commit();
  announceWaiting(ctx);
  ctx.kick();
  return true;
}

/** Puts a caller (new, or moved by a transfer) in memory, with the callback offer due later. */
export function admitWaiting(ctx: AcdContext, call: LiveCall): void {
  ctx.state.calls.set(call.id, call);
  if (call.leg) ctx.state.legs.set(call.leg, { queueCallId: call.id, role: 'caller' });
  const queue = ctx.state.queues.get(call.queueId);
  if (queue?.callbackAfterSeconds != null && call.leg) {
    const dueMs = queue.callbackAfterSeconds * 1000 - (ctx.clock.now().getTime() - call.enqueuedAt.getTime());
    call.cancelCallbackOffer = ctx.timers.set(dueMs, () => {
      if (call.status !== 'waiting' && call.status !== 'offered') return;
      if (!callbackDue(call.enqueuedAt.getTime(), ctx.clock.now().getTime(), queue.callbackAfterSeconds)) return;
      call.callbackOffered = true;
      announceWaiting(ctx, [call.id]);
    });
  }
}

/**
 * Tells waiting callers their place and expected wait (hold music keeps playing); the line
 * repeats it. Without `only`, every caller whose place changed is told again.
 */
export function announceWaiting(ctx: AcdContext, only?: string[]): void {
  const waiting = [...ctx.state.calls.values()].filter((c) => openStatuses.includes(c.status));
  const positions = queuePositions(waiting.map(routingCall), ctx.state.queues);
  const staffed = new Map<string, number>();
  for (const queue of ctx.state.queues.values()) {
    staffed.set(queue.id, [...ctx.state.agents.values()].filter((a) => a.state !== 'offline' && a.state !== 'break' && (a.tenantIds === null || a.tenantIds.includes(queue.tenantId))).length);
  }
  for (const call of waiting) {
    if (!call.leg || (only && !only.includes(call.id))) continue;
    const position = positions.get(call.id) ?? 1;
    // The line repeats the last announcement by itself; a new place is worth a new one only now and then,
    // or every caller would be re-announced on each call served (the text is synthesised each time).
    const now = ctx.clock.now().getTime();
    const fresh = call.lastAnnouncedAt === undefined || now - call.lastAnnouncedAt >= reannounceMs;
    if (!only && (call.lastAnnouncedPosition === position || !fresh)) continue;
    call.lastAnnouncedPosition = position;
    call.lastAnnouncedAt = now;
    ctx.telephony().startWaiting(call.leg, {
      language: call.language, position,
      estimatedWaitSeconds: estimateWaitSeconds(position, averageHandleSeconds(ctx, call.queueId), staffed.get(call.queueId) ?? 0),
      offerCallback: call.callbackOffered,
    });
  }
}

/** "Press 1 to be called back": the caller keeps their place, hears a confirmation and the leg ends. */
export async function requestCallback(ctx: AcdContext, call: LiveCall): Promise<void> {
  const leg = call.leg;
  if (!leg || !call.callbackOffered || (call.status !== 'waiting' && call.status !== 'offered')) return;
  const change = createChange(ctx);
  withdrawRing(ctx, call, change, 'callback requested');
  await change
    .patchCall(call.id, { status: 'callback_waiting', callbackRequestedAt: change.now, callbackNumber: call.callerId, agentUserId: null })
    .after(() => {
      ctx.state.legs.delete(leg);
      call.leg = undefined;
      call.status = 'callback_waiting';
      call.agentUserId = undefined;
      call.callbackNumber = call.callerId;
      call.cancelCallbackOffer?.();
    })
    .emit('queue.changed', { tenantId: call.tenantId })
    .commit();
  const telephony = ctx.telephony();
  void telephony
    .say(leg, callbackConfirmation[call.language], call.language)
    .catch((error: unknown) => ctx.log.warn('callback confirmation not played', { queueCallId: call.id, error }))
    .finally(() => telephony.hangup(leg));
  ctx.kick();
}

/** The caller hung up before an operator answered: recorded abandoned with the wait. */
export async function abandonCall(ctx: AcdContext, call: LiveCall, reason: string): Promise<void> {
  const change = createChange(ctx);
  withdrawRing(ctx, call, change, reason);
  await change
    .patchCall(call.id, {
      status: 'abandoned', endedAt: change.now, endReason: reason, agentUserId: null,
      waitSeconds: (change.now.getTime() - call.enqueuedAt.getTime()) / 1000,
    })
    .after(() => {
      if (call.leg) ctx.state.legs.delete(call.leg);
      call.status = 'abandoned';
      call.cancelCallbackOffer?.();
      ctx.state.calls.delete(call.id);
    })
    .emit('queue.changed', { tenantId: call.tenantId })
    .commit();
  announceWaiting(ctx);
  ctx.kick();
}
