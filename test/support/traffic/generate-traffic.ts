import { randomUUID } from 'node:crypto';
import { isoWeekday, localToUtc } from './local-time.ts';
import { emptyTraffic, type Traffic } from './traffic-rows.ts';

export interface TrafficTenant {
  id: string;
  timeZone: string;
  protocolId: string;
  /** Two queues: calls start in the first; transfers go to the second. */
  queueIds: readonly [string, string];
  /** Operators whose presence is logged (three give the pattern below). */
  operatorIds: readonly string[];
  /** Distinct caller numbers; fewer numbers mean more repeat callers. */
  callerPool: number;
}

/** Numbers the generator hands out, shared across days so ids and references never repeat. */
export interface TrafficCounter {
  call: number;
}

const seconds = (at: Date, add: number) => new Date(at.getTime() + add * 1000);

/**
 * The known pattern: calls per local hour by weekday, between 08:00 and 20:00 (Sunday only one
 * call, at 11:00). `scale` multiplies it for load tests.
 */
export function callsInHour(weekday: number, hour: number, scale = 1): number {
  if (hour < 8 || hour >= 20) return 0;
  const base = weekday <= 5 ? 3 + ((hour + weekday) % 4) : weekday === 6 ? 2 : hour === 11 ? 1 : 0;
  return Math.round(base * scale);
}

/**
 * Call number i decides everything about a call, so expectations can be recomputed from the
 * rows alone: i % 10 = 0 is served by the IVR (self-help), i % 10 = 1 leaves a voicemail, the
 * rest queue for an operator; of those i % 13 = 0 abandon, i % 17 = 0 are transferred to the
 * second queue, i % 11 = 0 ask for a callback, and answered calls with i % 4 = 0 open a case.
 */
function generateCall(tenant: TrafficTenant, i: number, startedAt: Date, out: Traffic) {
  const callId = randomUUID();
  const callerId = `+3460${String(100000 + (i * 7919) % tenant.callerPool).padStart(7, '0')}`;
  const answeredAt = seconds(startedAt, 2);
  const call = { id: callId, tenantId: tenant.id, callerId, startedAt, answeredAt, endedAt: startedAt, outcome: 'completed', endReason: 'caller_hangup', caseId: null as string | null };
  out.calls.push(call);
  if (i % 10 === 0) {
    call.outcome = 'self_help';
    call.endedAt = seconds(answeredAt, 60 + (i % 5) * 7);
    return;
  }
  if (i % 10 === 1) {
    call.outcome = 'voicemail';
    call.endedAt = seconds(answeredAt, 45);
    return;
  }
  const enqueuedAt = seconds(answeredAt, 30);
  const operator = tenant.operatorIds[i % tenant.operatorIds.length] ?? null;
  const base = { tenantId: tenant.id, callId, callerId, holdSeconds: 0, transferredFrom: null as string | null, caseId: null as string | null };
  if (i % 13 === 0) {
    const wait = (i % 4) * 40 + 3;
    const endedAt = seconds(enqueuedAt, wait);
    out.queueCalls.push({ ...base, id: randomUUID(), queueId: tenant.queueIds[0], enqueuedAt, status: 'abandoned', answeredAt: null, callbackRequestedAt: null,
      endedAt, waitSeconds: wait, talkSeconds: null, wrapUpSeconds: null, agentUserId: null, endReason: 'caller_hangup' });
    call.outcome = 'abandoned';
    call.endedAt = endedAt;
    return;
  }
  const wait = 5 + (i % 7) * 8;
  const talk = 120 + (i % 5) * 30;
  const hold = (i % 3) * 10;
  let queueAnswered = seconds(enqueuedAt, wait);
  let stayId = randomUUID();
  const callbackRequestedAt = i % 11 === 0 ? seconds(enqueuedAt, 1) : null;
  if (i % 17 === 0) {
    // A first operator answers, talks a minute, and hands the caller to the second queue.
    const transferredAt = seconds(queueAnswered, 60);
    out.queueCalls.push({ ...base, id: stayId, queueId: tenant.queueIds[0], enqueuedAt, status: 'transferred', answeredAt: queueAnswered, callbackRequestedAt,
      endedAt: transferredAt, waitSeconds: wait, talkSeconds: 60, wrapUpSeconds: 0, agentUserId: operator, endReason: 'transferred' });
    const next = randomUUID();
    out.queueCalls.push({ ...base, id: next, queueId: tenant.queueIds[1], enqueuedAt: transferredAt, status: 'completed', answeredAt: seconds(transferredAt, 4),
      callbackRequestedAt: null, endedAt: seconds(transferredAt, 4 + talk + hold), waitSeconds: 4, talkSeconds: talk, holdSeconds: hold, wrapUpSeconds: 15,
      transferredFrom: stayId, agentUserId: operator, endReason: 'completed' });
    stayId = next;
    queueAnswered = seconds(transferredAt, 4);
  } else {
    out.queueCalls.push({ ...base, id: stayId, queueId: tenant.queueIds[0], enqueuedAt, status: 'completed', answeredAt: queueAnswered, callbackRequestedAt,
      endedAt: seconds(queueAnswered, talk + hold), waitSeconds: wait, talkSeconds: talk, holdSeconds: hold, wrapUpSeconds: 15, agentUserId: operator, endReason: 'completed' });
  }
  call.outcome = 'transferred';
  call.endedAt = seconds(queueAnswered, talk + hold);
  if (i % 4 === 0) openCase(tenant, i, call, seconds(queueAnswered, talk), out);
}

/** A case from the call, then its timeline: dispatched after 10 min, accepted 0–25 min later, resolved the next day. */
function openCase(tenant: TrafficTenant, i: number, call: Traffic['calls'][number], at: Date, out: Traffic) {
  const id = randomUUID();
  call.caseId = id;
  out.queueCalls.at(-1)!.caseId = id;
  const reference = String(1_000_000_000 + i);
  out.cases.push({ id, tenantId: tenant.id, protocolId: tenant.protocolId, reference, callerPhone: call.callerId, status: 'resolved', createdAt: at });
  const event = (offsetSeconds: number, from: string | null, to: string) =>
    out.caseEvents.push({ caseId: id, tenantId: tenant.id, at: seconds(at, offsetSeconds), kind: from === null ? 'created' : 'status_changed',
      before: from === null ? null : JSON.stringify({ status: from }), after: JSON.stringify({ status: to }) });
  const accepted = 600 + (i % 6) * 300;
  event(0, null, 'new');
  event(600, 'new', 'dispatched');
  event(accepted, 'dispatched', 'accepted');
  event(accepted + 1800, 'accepted', 'en_route');
  event(accepted + 3600, 'en_route', 'on_site');
  event(86_400, 'on_site', 'resolved');
  if (i % 24 === 0) {
    event(90_000, 'resolved', 'reopened');
    event(100_000, 'reopened', 'resolved');
  }
  out.notifications.push({ id: randomUUID(), tenantId: tenant.id, caseId: id, recipient: call.callerId, idempotencyKey: `case-created-${id}`, createdAt: seconds(at, 5) });
}

/** The caller of every eighth case rings again two hours later about it (not a first-contact resolution). */
function followUpCall(tenant: TrafficTenant, i: number, out: Traffic) {
  const parent = out.calls.at(-1)!;
  if (!parent.caseId || i % 8 !== 0) return;
  const startedAt = seconds(parent.startedAt, 7200);
  out.calls.push({ id: randomUUID(), tenantId: tenant.id, callerId: parent.callerId, startedAt, answeredAt: seconds(startedAt, 2),
    endedAt: seconds(startedAt, 50), outcome: 'status_given', endReason: 'caller_hangup', caseId: parent.caseId });
}

/** Operators' presence: all log in at 07:55; the first takes a break 12:00–12:30, the second leaves at 14:00, the others at 20:00. */
function presence(tenant: TrafficTenant, day: string, out: Traffic) {
  const at = (h: number, m: number) => localToUtc(day, h * 3600 + m * 60, tenant.timeZone);
  tenant.operatorIds.forEach((userId, index) => {
    out.agentStates.push({ userId, state: 'available', at: at(7, 55) });
    if (index === 0) {
      out.agentStates.push({ userId, state: 'break', at: at(12, 0) }, { userId, state: 'available', at: at(12, 30) });
    }
    if (index === 1) {
      out.agentStates.push({ userId, state: 'on_call', at: at(9, 0) }, { userId, state: 'wrap_up', at: at(9, 5) }, { userId, state: 'available', at: at(9, 6) });
    }
    out.agentStates.push({ userId, state: 'offline', at: index === 1 ? at(14, 0) : at(20, 0) });
  });
}

/** One local day of a tenant's traffic; calls are spread evenly over each hour. */
export function generateDay(tenant: TrafficTenant, day: string, counter: TrafficCounter, scale = 1): Traffic {
  const out = emptyTraffic();
  const weekday = isoWeekday(day);
  if (weekday !== 7) presence(tenant, day, out);
  for (let hour = 8; hour < 20; hour++) {
    const n = callsInHour(weekday, hour, scale);
    for (let k = 0; k < n; k++) {
      const i = counter.call++;
      generateCall(tenant, i, localToUtc(day, hour * 3600 + Math.floor((k * 3600) / n), tenant.timeZone), out);
      followUpCall(tenant, i, out);
    }
  }
  return out;
}
