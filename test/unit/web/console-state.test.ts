import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TActiveCall, TAgent, TScreenPop } from '../../../src/shared/api/operators.ts';
import {
  formatDuration,
  initialConsoleState,
  reduceConsole,
  secondsSince,
  type TConsoleAction,
  type TConsoleState,
} from '../../../src/web/console/console-state.ts';

const userId = '00000000-0000-4000-8000-000000000001';
const callId = '00000000-0000-4000-8000-0000000000c1';
const tenantId = '00000000-0000-4000-8000-0000000000a1';

const agent: TAgent = {
  userId,
  name: 'Operador Demo',
  state: 'available',
  stateSince: '2026-12-02T10:00:00.000Z',
  skills: { tenantIds: [tenantId], languages: ['es'], level: 3 },
  sip: { extension: '1001', username: '1001', domain: 'localhost', registered: true },
};

function pop(queueCallId = callId): TScreenPop {
  return {
    queueCallId,
    tenant: { id: tenantId, name: 'Reparaciones Martínez', language: 'es', greetingScript: 'Buenos días' },
    queue: { id: '00000000-0000-4000-8000-0000000000b1', name: 'default' },
    caller: { phone: '+34600111222' },
    protocol: null,
    collected: { intake: { appliance: 'boiler' }, path: ['main', 'operator'] },
    history: { cases: [], calls: [] },
    openCases: [],
  };
}

function call(status: TActiveCall['status']): TActiveCall {
  return { queueCallId: callId, tenantId, callerId: '+34600111222', status, since: '2026-12-02T10:01:00.000Z', wrapUpCodes: ['resolved'] };
}

function fold(...actions: TConsoleAction[]): TConsoleState {
  return actions.reduce(reduceConsole, reduceConsole(initialConsoleState, { type: 'snapshot', snapshot: { agent } }));
}

const at = 1_000;

test('an offer pops the caller, and the pop stays through the call into wrap-up', () => {
  const ringing = fold({ type: 'event', event: { type: 'offer', offer: pop(), ringTimeoutSeconds: 20 }, at });
  assert.equal(ringing.ringing, true);
  assert.equal(ringing.pop?.queueCallId, callId);

  const onCall = reduceConsole(ringing, { type: 'event', event: { type: 'call.connected', call: call('connected') }, at });
  assert.equal(onCall.ringing, false);
  assert.equal(onCall.call?.status, 'connected');
  assert.equal(onCall.pop?.queueCallId, callId);

  const wrapUntil = '2026-12-02T10:05:15.000Z';
  const ended = reduceConsole(onCall, { type: 'event', event: { type: 'call.ended', queueCallId: callId, by: 'caller', wrapUpUntil: wrapUntil }, at });
  assert.equal(ended.call?.status, 'wrap_up');
  assert.equal(ended.call?.wrapUpUntil, wrapUntil);
  assert.deepEqual(ended.call?.wrapUpCodes, ['resolved'], 'the codes survive the end of the call');
  assert.ok(ended.pop, 'the form stays for the wrap-up');

  const back = reduceConsole(ended, {
    type: 'event',
    event: { type: 'agent.state', userId, state: 'available', stateSince: '2026-12-02T10:05:15.000Z', reason: 'wrap_up_done' },
    at,
  });
  assert.equal(back.agent?.state, 'available');
  assert.equal(back.call, undefined);
  assert.equal(back.pop, undefined);
});

test('a withdrawn offer clears the pop and says why; another call id changes nothing', () => {
  const ringing = fold({ type: 'event', event: { type: 'offer', offer: pop(), ringTimeoutSeconds: 20 }, at });
  const other = reduceConsole(ringing, { type: 'event', event: { type: 'offer.withdrawn', queueCallId: '00000000-0000-4000-8000-0000000000c2', reason: 'x' }, at });
  assert.equal(other, ringing);
  const gone = reduceConsole(ringing, { type: 'event', event: { type: 'offer.withdrawn', queueCallId: callId, reason: 'caller_hung_up' }, at });
  assert.equal(gone.pop, undefined);
  assert.equal(gone.notice, 'withdrawn');
});

test('a call that ends without wrap-up leaves a notice; held and resumed update the call', () => {
  const held = fold(
    { type: 'event', event: { type: 'offer', offer: pop(), ringTimeoutSeconds: 20 }, at },
    { type: 'event', event: { type: 'call.connected', call: call('connected') }, at },
    { type: 'event', event: { type: 'call.held', call: call('held') }, at },
  );
  assert.equal(held.call?.status, 'held');
  const ended = reduceConsole(held, { type: 'event', event: { type: 'call.ended', queueCallId: callId, by: 'transfer' }, at });
  assert.equal(ended.call, undefined);
  assert.equal(ended.notice, 'ended');
});

test("another operator's state change is ignored; the board keeps its arrival time", () => {
  const state = fold(
    { type: 'event', event: { type: 'agent.state', userId: '00000000-0000-4000-8000-000000000009', state: 'break', stateSince: 'x', reason: 'manual' }, at },
    { type: 'event', event: { type: 'board', board: { calls: [] } }, at: 42 },
  );
  assert.equal(state.agent?.state, 'available');
  assert.equal(state.boardAt, 42);
});

test('a snapshot after a reload restores the call and keeps a pop of the same call', () => {
  const during = fold({ type: 'event', event: { type: 'offer', offer: pop(), ringTimeoutSeconds: 20 }, at });
  const reloaded = reduceConsole(during, { type: 'snapshot', snapshot: { agent: { ...agent, state: 'on_call' }, call: call('connected') } });
  assert.equal(reloaded.pop?.queueCallId, callId);
  assert.equal(reloaded.ringing, false);
  const idle = reduceConsole(reloaded, { type: 'snapshot', snapshot: { agent } });
  assert.equal(idle.pop, undefined);
});

test('durations read m:ss and h:mm:ss, and never run negative', () => {
  assert.equal(formatDuration(0), '0:00');
  assert.equal(formatDuration(75.9), '1:15');
  assert.equal(formatDuration(3600 + 62), '1:01:02');
  assert.equal(secondsSince('2026-12-02T10:00:10.000Z', Date.parse('2026-12-02T10:00:00.000Z')), 0);
  assert.equal(secondsSince('2026-12-02T10:00:00.000Z', Date.parse('2026-12-02T10:01:30.500Z')), 90);
});

test('intake errors from the API land under their field; anything else stays a general error', async () => {
  const { ApiError } = await import('../../../src/web/api/api-error.ts');
  const { fieldErrors } = await import('../../../src/web/console/intake-errors.ts');
  const intake = fieldErrors(new ApiError(400, 'validation', 'bad intake', [{ path: 'intake.urgency', message: 'Required' }]));
  assert.deepEqual([...intake.byKey], [['urgency', 'Required']]);
  assert.equal(intake.rest, false);
  const other = fieldErrors(new ApiError(400, 'validation', 'bad', [{ path: 'override.reason', message: 'Too short' }]));
  assert.equal(other.byKey.size, 0);
  assert.equal(other.rest, true);
  assert.equal(fieldErrors(new ApiError(409, 'conflict', 'the call is over')).rest, true);
  assert.deepEqual(fieldErrors(null), { byKey: new Map(), rest: false });
});
