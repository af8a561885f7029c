import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  agentQualifies, callbackDue, chooseAgent, estimateWaitSeconds, planOffers, queuePositions, queueIsStaffed, stateAfterMissedOffer,
  type RoutingAgent, type RoutingCall, type RoutingQueue,
} from '../../../src/server/acd/routing.ts';

const tenantA = 'a0000000-0000-4000-8000-000000000001';
const tenantB = 'b0000000-0000-4000-8000-000000000002';

const agent = (userId: string, over: Partial<RoutingAgent> = {}): RoutingAgent => ({
  userId, state: 'available', registered: true, tenantIds: [tenantA], languages: ['es'], level: 1, idleSince: 0, callsToday: 0, ...over,
});
const queue = (id: string, over: Partial<RoutingQueue> = {}): RoutingQueue => ({
  id, tenantId: tenantA, language: 'es', requiredSkills: [], priority: 0, strategy: 'longest_idle', ...over,
});
const call = (id: string, positionAt: number, over: Partial<RoutingCall> = {}): RoutingCall => ({
  id, queueId: 'q1', tenantId: tenantA, language: 'es', priority: 0, positionAt, triedAgents: [], ...over,
});
const queues = (...list: RoutingQueue[]) => new Map(list.map((q) => [q.id, q]));

describe('choosing an operator', () => {
  test('longest idle: the operator free for the longest time gets the call', () => {
    const picked = chooseAgent('longest_idle', [agent('u1', { idleSince: 5_000 }), agent('u2', { idleSince: 1_000 }), agent('u3', { idleSince: 9_000 })]);
    assert.equal(picked?.userId, 'u2');
  });

  test('fewest calls: fewest answered today, ties broken by idle time', () => {
    const picked = chooseAgent('fewest_calls', [
      agent('u1', { callsToday: 3, idleSince: 0 }), agent('u2', { callsToday: 1, idleSince: 8_000 }), agent('u3', { callsToday: 1, idleSince: 2_000 }),
    ]);
    assert.equal(picked?.userId, 'u3');
  });

  test('round robin: the next operator after the last one offered, wrapping around', () => {
    const candidates = [agent('u3'), agent('u1'), agent('u2')];
    assert.equal(chooseAgent('round_robin', candidates, undefined)?.userId, 'u1');
    assert.equal(chooseAgent('round_robin', candidates, 'u1')?.userId, 'u2');
    assert.equal(chooseAgent('round_robin', candidates, 'u2')?.userId, 'u3');
    assert.equal(chooseAgent('round_robin', candidates, 'u3')?.userId, 'u1');
  });

  test('nobody to choose from answers undefined', () => {
    assert.equal(chooseAgent('longest_idle', []), undefined);
  });
});

describe('skills', () => {
  test('tenant: an operator who does not serve the tenant is never offered its calls', () => {
    assert.equal(agentQualifies(agent('u1', { tenantIds: [tenantB] }), queue('q1'), call('c1', 0)), false);
    assert.equal(agentQualifies(agent('u1', { tenantIds: null }), queue('q1'), call('c1', 0)), true);
  });

  test("language: the queue's language, or the caller's when the queue has none", () => {
    assert.equal(agentQualifies(agent('u1', { languages: ['ca'] }), queue('q1'), call('c1', 0)), false);
    assert.equal(agentQualifies(agent('u1', { languages: ['ca'] }), queue('q1', { language: null }), call('c1', 0, { language: 'ca' })), true);
    assert.equal(agentQualifies(agent('u1', { languages: ['es'] }), queue('q1', { language: null }), call('c1', 0, { language: 'en' })), false);
  });

  test('level and extra languages required by the queue', () => {
    const q = queue('q1', { requiredSkills: ['level:3', 'lang:en'] });
    assert.equal(agentQualifies(agent('u1', { level: 2, languages: ['es', 'en'] }), q, call('c1', 0)), false);
    assert.equal(agentQualifies(agent('u1', { level: 3, languages: ['es'] }), q, call('c1', 0)), false);
    assert.equal(agentQualifies(agent('u1', { level: 4, languages: ['es', 'en'] }), q, call('c1', 0)), true);
  });

  test('planning skips the call no free operator can take and serves the next one', () => {
    const plan = planOffers({
      calls: [call('c-ca', 0, { queueId: 'qca' }), call('c-es', 1_000)],
      queues: queues(queue('q1'), queue('qca', { language: 'ca' })),
      agents: [agent('u-es')],
      roundRobin: new Map(),
    });
    assert.deepEqual(plan, [{ callId: 'c-es', agentUserId: 'u-es' }]);
  });
});

describe('planning offers', () => {
  test('priority first, then the place in the queue; each operator once; unregistered or busy operators are not offered', () => {
    const plan = planOffers({
      calls: [call('late', 20_000), call('early', 10_000), call('vip', 30_000, { queueId: 'qvip' })],
      queues: queues(queue('q1'), queue('qvip', { priority: 5 })),
      agents: [
        agent('idle-long', { idleSince: 1 }), agent('idle-short', { idleSince: 2 }),
        agent('no-phone', { registered: false, idleSince: 0 }), agent('busy', { state: 'on_call', idleSince: 0 }),
      ],
      roundRobin: new Map(),
    });
    assert.deepEqual(plan, [{ callId: 'vip', agentUserId: 'idle-long' }, { callId: 'early', agentUserId: 'idle-short' }]);
  });

  test('a callback requested at t=10 s keeps its place ahead of a call that arrived at t=20 s', () => {
    const plan = planOffers({
      calls: [call('arrived-20', 20_000), call('callback-from-10', 10_000)],
      queues: queues(queue('q1')), agents: [agent('u1')], roundRobin: new Map(),
    });
    assert.deepEqual(plan, [{ callId: 'callback-from-10', agentUserId: 'u1' }]);
  });

  test('an operator who let the call ring out is passed over while someone else qualifies', () => {
    const plan = planOffers({
      calls: [call('c1', 0, { triedAgents: ['u1'] })],
      queues: queues(queue('q1')), agents: [agent('u1', { idleSince: 0 }), agent('u2', { idleSince: 50 })], roundRobin: new Map(),
    });
    assert.deepEqual(plan, [{ callId: 'c1', agentUserId: 'u2' }]);
    const alone = planOffers({ calls: [call('c1', 0, { triedAgents: ['u1'] })], queues: queues(queue('q1')), agents: [agent('u1')], roundRobin: new Map() });
    assert.deepEqual(alone, [{ callId: 'c1', agentUserId: 'u1' }]);
  });

  test('a transfer to a named operator waits for that operator only', () => {
    const plan = planOffers({
      calls: [call('c1', 0, { targetAgentUserId: 'u2' })],
      queues: queues(queue('q1')), agents: [agent('u1'), agent('u2', { state: 'on_call' })], roundRobin: new Map(),
    });
    assert.deepEqual(plan, []);
  });
});

describe('what callers are told', () => {
  test('positions per queue in serving order', () => {
    const positions = queuePositions([call('b', 2), call('a', 1), call('x', 0, { queueId: 'q2' })], queues(queue('q1'), queue('q2')));
    assert.deepEqual(Object.fromEntries(positions), { x: 1, a: 1, b: 2 });
  });

  test('estimated wait: places ahead served in parallel by the staffed operators; unknown without history or staff', () => {
    assert.equal(estimateWaitSeconds(5, 120, 2), 360);
    assert.equal(estimateWaitSeconds(1, 120, 2), 120);
    assert.equal(estimateWaitSeconds(3, undefined, 2), undefined);
    assert.equal(estimateWaitSeconds(3, 120, 0), undefined);
  });

  test('callback offer after the queue delay; never without one', () => {
    assert.equal(callbackDue(0, 29_999, 30), false);
    assert.equal(callbackDue(0, 30_000, 30), true);
    assert.equal(callbackDue(0, 1e9, null), false);
  });

  test('repeated offers not answered send the operator to break', () => {
    assert.equal(stateAfterMissedOffer(1, 2), 'available');
    assert.equal(stateAfterMissedOffer(2, 2), 'break');
  });
});

test('a queue is staffed by a qualified operator signed in or with a registered phone, never by others', () => {
  const q = queue('q1');
  const c = call('c1', 0);
  assert.equal(queueIsStaffed([], q, c), false);
  assert.equal(queueIsStaffed([agent('u1', { state: 'offline', registered: false })], q, c), false);
  assert.equal(queueIsStaffed([agent('u1', { state: 'offline', registered: true })], q, c), true);
  assert.equal(queueIsStaffed([agent('u1', { state: 'break', registered: false })], q, c), true);
  assert.equal(queueIsStaffed([agent('u1', { state: 'available', tenantIds: [tenantB] })], q, c), false);
  assert.equal(queueIsStaffed([agent('u1', { languages: ['ca'] })], q, c), false);
});
