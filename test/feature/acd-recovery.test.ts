import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../src/server/platform/logger.ts';
import { createServices } from '../../src/server/services.ts';
import { createAcdDesk, type AcdDesk } from '../support/acd-desk.ts';
import { createFakeAcdTelephony, createManualTimers } from '../support/fake-acd-telephony.ts';
import { testDatabaseKinds } from '../support/test-database.ts';

for (const kind of testDatabaseKinds()) {
  describe(`operators' queues rebuilt at start on ${kind}`, () => {
    let d: AcdDesk;
    afterEach(() => d?.close());

    test('operators ringing, on a call or in wrap-up are freed; waiting callers closed; callbacks kept and served', async () => {
      d = await createAcdDesk(kind, { callbackAfterSeconds: 0, wrapUpSeconds: 60 });
      const ana = await d.addOperator('ana', '2001');
      const bea = await d.addOperator('bea', '2002');
      const cris = await d.addOperator('cris', '2003');
      await d.setAvailable('ana');
      const talking = await d.enqueue('+34600000041');
      d.line.answer('2001');
      await d.settle();
      await d.setAvailable('bea');
      const ringing = await d.enqueue('+34600000042');
      await d.setAvailable('cris');
      const wrapping = await d.enqueue('+34600000043');
      d.line.answer('2003');
      await d.settle();
      d.services.acd.entry.legEnded(wrapping, 'remote');
      await d.settle();
      const waiting = await d.enqueue('+34600000044');
      const promised = await d.enqueue('+34600000045');
      await d.advance(0);
      d.services.acd.entry.digit(promised, '1');
      await d.settle();
      assert.deepEqual([ana, bea, cris].map((o) => d.agent(o.userId).state), ['on_call', 'ringing', 'wrap_up']);

      // The process dies: nothing of the first ACD runs again. A new one starts on the same database.
      d.services.acd.stop();
      const clock = d.desk.clock;
      const timers = createManualTimers(clock);
      const line = createFakeAcdTelephony();
      line.registered.add('2001');
      line.registered.add('2002');
      const restarted = await createServices(d.services.db, { log: createLogger('silent'), clock, secureCookies: false, acdTimers: timers.timers });
      const recovered = await restarted.acd.start(line.telephony);
      await restarted.acd.settle();
      assert.deepEqual(recovered, { abandoned: 2, callbacks: 1, agentsReset: 3 });

      const stays = await d.stays();
      const of = (leg: string) => stays.find((s) => s.call_id === leg)!;
      assert.deepEqual([of(talking).status, of(talking).end_reason], ['completed', 'server_restart']);
      assert.deepEqual([of(ringing).status, of(ringing).end_reason], ['abandoned', 'server_restart']);
      assert.deepEqual([of(wrapping).status, of(wrapping).end_reason], ['completed', 'server_restart']);
      assert.deepEqual([of(waiting).status, of(waiting).end_reason], ['abandoned', 'server_restart']);
      const states = await d.services.db.query<{ user_id: string; state: string; reason: string }>(
        `select user_id, state, reason from agent_state_changes where reason = 'server_restart' order by user_id`,
      );
      const after = new Map(states.map((s) => [s.user_id, s.state]));
      assert.equal(after.get(cris.userId), 'offline', 'phone not registered at start: offline');

      // The promised callback is served by the first free, registered operator.
      assert.equal(line.rings.length, 1, 'one operator is rung for the callback at once');
      assert.equal(line.rings[0]!.request.callerId, '+34600000045');
      const rungAgent = [ana, bea].find((o) => o.extension === line.rings[0]!.request.extension)!;
      const other = rungAgent === ana ? bea : ana;
      assert.equal(after.get(rungAgent.userId), 'available');
      assert.equal(after.get(other.userId), 'available');
      line.answer(rungAgent.extension);
      await restarted.acd.settle();
      line.answerDial('+34600000045');
      await restarted.acd.settle();
      const served = (await d.stays()).find((s) => s.call_id === promised)!;
      assert.equal(served.status, 'connected');
      assert.equal(served.agent_user_id, rungAgent.userId);
      restarted.acd.stop();
    });
  });
}
