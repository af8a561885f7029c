import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAcdDesk, type AcdDesk } from '../support/acd-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';

for (const kind of testDatabaseKinds()) {
  describe(`operators' queues: callbacks and transfers on ${kind}`, () => {
    let d: AcdDesk;
    afterEach(() => d?.close());

    test('a callback requested at t=10 s keeps its place and is served before a call that arrived at t=20 s', async () => {
      d = await createAcdDesk(kind, { callbackAfterSeconds: 5 });
      const ana = await d.addOperator('ana', '2001');
      const early = await d.enqueue('+34600000010');
      assert.equal(d.line.waiting.get(early)?.offerCallback, false);
      await d.advance(5_000);
      assert.equal(d.line.waiting.get(early)?.offerCallback, true, 'after the queue delay the caller hears "press 1"');
      await d.advance(5_000);
      d.services.acd.entry.digit(early, '1');
      await d.settle();
      const promised = await d.stayOf(early);
      assert.equal(promised.status, 'callback_waiting');
      assert.equal(promised.callback_number, '+34600000010');
      assert.ok(d.line.said.some((s) => s.leg === early && /llamaremos/.test(s.text)), 'the caller hears the confirmation');
      assert.ok(d.line.hungUp.includes(early), 'and the leg is hung up');
      d.services.acd.entry.legEnded(early, 'local');
      await d.settle();
      assert.equal((await d.stayOf(early)).status, 'callback_waiting', 'the hang-up after the confirmation is not an abandon');

      await d.advance(10_000);
      const later = await d.enqueue('+34600000020');
      await d.advance(10_000);
      await d.setAvailable('ana');
      assert.equal(d.line.rings.at(-1)!.request.callerId, '+34600000010', 'the callback is offered first');
      assert.equal((await d.stayOf(later)).status, 'waiting');

      const agentLeg = d.line.answer('2001');
      await d.settle();
      assert.equal((await d.stayOf(early)).status, 'callback_dialling', 'the operator is on the line before the customer is dialled');
      assert.equal(d.line.dials.at(-1)!.request.number, '+34600000010');
      assert.equal(d.line.dials.at(-1)!.request.callerId, '+34900111222', "the tenant's line is the caller ID");
      const customerLeg = d.line.answerDial('+34600000010');
      await d.settle();
      const served = await d.stayOf(early);
      assert.equal(served.status, 'connected');
      assert.equal(served.agent_user_id, ana.userId);
      assert.equal(new Date(served.position_at).toISOString(), new Date(served.enqueued_at).toISOString(), 'the place was the original arrival');
      assert.deepEqual(d.line.bridges.at(-1), { a: customerLeg, b: agentLeg, record: false });
    });

    test('a callback the customer does not answer is recorded callback_failed and frees the operator', async () => {
      d = await createAcdDesk(kind, { callbackAfterSeconds: 0 });
      const ana = await d.addOperator('ana', '2001');
      const leg = await d.enqueue('+34600000011');
      await d.advance(0);
      d.services.acd.entry.digit(leg, '1');
      await d.settle();
      await d.setAvailable('ana');
      d.line.answer('2001');
      await d.settle();
      d.line.failDial('+34600000011', 'no_answer');
      await d.settle();
      const stay = await d.stayOf(leg);
      assert.equal(stay.status, 'callback_failed');
      assert.equal(stay.end_reason, 'callback_no_answer');
      assert.equal(d.agent(ana.userId).state, 'available');
    });

    test('a caller who hangs up while waiting is recorded abandoned with the wait', async () => {
      d = await createAcdDesk(kind);
      // Signed in with a registered phone but not available: the caller waits.
      await d.addOperator('ana', '2001');
      const leg = await d.enqueue('+34600000012');
      await d.advance(42_000);
      d.services.acd.entry.legEnded(leg, 'remote');
      await d.settle();
      const stay = await d.stayOf(leg);
      assert.equal(stay.status, 'abandoned');
      assert.equal(Number(stay.wait_seconds), 42);
      assert.equal(stay.end_reason, 'caller_hangup');
    });

    test('blind transfer to a queue: a new stay with transferred_from and the collected context', async () => {
      d = await createAcdDesk(kind, { wrapUpSeconds: 30 });
      const second = await d.admin.post('/api/v1/queues', { tenantId: d.tenant.id, name: 'averias' });
      const ana = await d.addOperator('ana', '2001');
      const bea = await d.addOperator('bea', '2002');
      await d.setAvailable('ana');
      const leg = await d.enqueue('+34600000013', { intake: { appliance: 'boiler', problem: 'no hot water' }, path: ['menu', '1', '0'] });
      d.line.answer('2001');
      await d.settle();
      const first = await d.stayOf(leg);
      const moved = await ana.api.post(`/api/v1/queue-calls/${first.id}/transfer`, { mode: 'blind', to: { queueId: second.body.id }, note: 'quiere hablar con averías' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      await d.settle();
      const stays = await d.stays();
      const old = stays.find((s) => s.id === first.id)!;
      const next = stays.find((s) => s.transferred_from === first.id)!;
      assert.equal(old.status, 'transferred');
      assert.equal(next.queue_id, second.body.id);
      assert.equal(next.status, 'waiting');
      assert.deepEqual(next.context.intake, { appliance: 'boiler', problem: 'no hot water' });
      assert.equal(d.agent(ana.userId).state, 'wrap_up', 'the first operator wraps up');
      assert.ok(d.line.waiting.get(leg), 'the caller hears the new queue');

      await d.setAvailable('bea');
      assert.deepEqual(d.line.ringingExtensions(), ['2002']);
      const pop = await bea.api.get(`/api/v1/queue-calls/${next.id}/screen-pop`);
      assert.equal(pop.status, 200);
      assert.deepEqual(pop.body.collected.intake, { appliance: 'boiler', problem: 'no hot water' });
      assert.deepEqual(pop.body.collected.path, ['menu', '1', '0']);
      assert.equal(pop.body.transferredFrom.queueCallId, first.id);
      assert.equal(pop.body.transferredFrom.note, 'quiere hablar con averías');
    });

    test('attended transfer to an operator: consult, then hand over; a new connected stay for the colleague', async () => {
      d = await createAcdDesk(kind, { wrapUpSeconds: 30 });
      const ana = await d.addOperator('ana', '2001');
      const bea = await d.addOperator('bea', '2002');
      await d.setAvailable('ana');
      const leg = await d.enqueue('+34600000014', { intake: { appliance: 'washer' } });
      const anaLeg = d.line.answer('2001');
      await d.settle();
      const first = await d.stayOf(leg);
      const busy = await ana.api.post(`/api/v1/queue-calls/${first.id}/transfer`, { mode: 'attended', to: { agentUserId: bea.userId } });
      assert.equal(busy.status, 409, 'Bea is not available yet');
      await d.setAvailable('bea');
      const started = await ana.api.post(`/api/v1/queue-calls/${first.id}/transfer`, { mode: 'attended', to: { agentUserId: bea.userId } });
      assert.equal(started.status, 200, JSON.stringify(started.body));
      await d.settle();
      assert.ok(d.line.held.includes(leg), 'the caller is held during the consultation');
      const early = await ana.api.post(`/api/v1/queue-calls/${first.id}/transfer/complete`);
      assert.equal(early.status, 409, 'Bea has not answered yet');
      const beaLeg = d.line.answer('2002');
      await d.settle();
      assert.deepEqual(d.line.bridges.at(-1), { a: anaLeg, b: beaLeg, record: false }, 'the two operators talk');
      const done = await ana.api.post(`/api/v1/queue-calls/${first.id}/transfer/complete`);
      assert.equal(done.status, 200);
      await d.settle();
      assert.deepEqual(d.line.bridges.at(-1), { a: leg, b: beaLeg, record: false }, 'the caller is with Bea');
      assert.ok(d.line.hungUp.includes(anaLeg));
      const stays = await d.stays();
      const next = stays.find((s) => s.transferred_from === first.id)!;
      assert.equal(stays.find((s) => s.id === first.id)!.status, 'transferred');
      assert.equal(next.status, 'connected');
      assert.equal(next.agent_user_id, bea.userId);
      assert.deepEqual(next.context.intake, { appliance: 'washer' });
      assert.equal(d.agent(bea.userId).state, 'on_call');
      assert.equal(d.agent(ana.userId).state, 'wrap_up');

      d.services.acd.entry.legEnded(leg, 'remote');
      await d.settle();
      assert.equal(d.agent(bea.userId).state, 'wrap_up', 'the hang-up reaches the new stay');
    });
  });
}
