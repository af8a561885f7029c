import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAcdDesk, type AcdDesk } from '../support/acd-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';

for (const kind of testDatabaseKinds()) {
  describe(`operators' queues: routing on ${kind}`, () => {
    let d: AcdDesk;
    afterEach(() => d?.close());

    test('longest idle first; a ring timeout passes the call to the next operator; repeated no-answers send to break', async () => {
      d = await createAcdDesk(kind, { ringTimeoutSeconds: 20, maxNoAnswers: 2, wrapUpSeconds: 0 });
      const ana = await d.addOperator('ana', '2001');
      const bea = await d.addOperator('bea', '2002');
      await d.setAvailable('ana');
      await d.advance(1_000);
      await d.setAvailable('bea');

      const first = await d.enqueue('+34600000001');
      assert.deepEqual(d.line.ringingExtensions(), ['2001'], 'Ana has been free the longest');
      assert.equal((await d.stayOf(first)).status, 'offered');
      assert.equal(d.agent(ana.userId).state, 'ringing');

      await d.advance(19_999);
      assert.deepEqual(d.line.ringingExtensions(), ['2001'], 'still ringing before the timeout');
      await d.advance(1);
      assert.deepEqual(d.line.ringingExtensions(), ['2002'], 'the timeout moved the call to Bea');
      assert.equal(d.agent(ana.userId).state, 'available', 'one miss is not enough for a break');

      const beaLeg = d.line.answer('2002');
      await d.settle();
      const stay = await d.stayOf(first);
      assert.equal(stay.status, 'connected');
      assert.equal(stay.agent_user_id, bea.userId);
      assert.equal(stay.offers, 2);
      assert.deepEqual(d.line.bridges.at(-1), { a: first, b: beaLeg, record: false });

      const second = await d.enqueue('+34600000002');
      assert.deepEqual(d.line.ringingExtensions(), ['2001']);
      await d.advance(20_000);
      assert.equal(d.agent(ana.userId).state, 'break', 'a second miss in a row sends Ana to break');
      assert.deepEqual(await d.statesOf(ana.userId), ['available', 'ringing', 'available', 'ringing', 'break']);
      assert.equal((await d.stayOf(second)).status, 'waiting', 'nobody else is free: the caller keeps waiting');
      assert.ok(d.line.waiting.get(second), 'the waiting caller hears their place');
      assert.equal(d.line.waiting.get(second)!.position, 1);
    });

    test('after the call, wrap-up; then available and offered the next caller', async () => {
      d = await createAcdDesk(kind, { wrapUpSeconds: 15 });
      const ana = await d.addOperator('ana', '2001');
      await d.setAvailable('ana');
      const leg = await d.enqueue('+34600000001');
      const waitingLeg = await d.enqueue('+34600000002');
      d.line.answer('2001');
      await d.settle();
      await d.advance(60_000);
      d.services.acd.entry.legEnded(leg, 'remote');
      await d.settle();
      assert.equal(d.agent(ana.userId).state, 'wrap_up');
      assert.equal((await d.stayOf(leg)).status, 'wrap_up');
      assert.deepEqual(d.line.ringingExtensions(), [], 'no offer during wrap-up');

      await d.advance(14_000);
      assert.equal(d.agent(ana.userId).state, 'wrap_up');
      await d.advance(1_000);
      const stay = await d.stayOf(leg);
      assert.equal(stay.status, 'completed');
      assert.equal(Number(stay.talk_seconds), 60);
      assert.equal(Number(stay.wrap_up_seconds), 15);
      assert.deepEqual(d.line.ringingExtensions(), ['2001'], 'available again, and offered the caller still waiting');
      assert.equal((await d.stayOf(waitingLeg)).status, 'offered');
      assert.deepEqual(await d.statesOf(ana.userId), ['available', 'ringing', 'on_call', 'wrap_up', 'available', 'ringing']);
    });

    test('skills: a Catalan queue is offered only to an operator who speaks Catalan and serves the tenant', async () => {
      d = await createAcdDesk(kind, { language: 'ca' });
      const other = await d.desk.createTenant('Altres', 'ALT');
      const ana = await d.addOperator('ana', '2001');
      const bea = await d.addOperator('bea', '2002', { tenantIds: [d.tenant.id, other.id] });
      const carme = await d.addOperator('carme', '2003', { tenantIds: [other.id] });
      const patch = (userId: string, skills: object) => d.admin.patch(`/api/v1/operators/${userId}`, { skills });
      assert.equal((await patch(bea.userId, { languages: ['es', 'ca'] })).status, 200);
      assert.equal((await patch(carme.userId, { languages: ['ca'] })).status, 200);
      const wrongTenant = await patch(ana.userId, { tenantIds: [other.id] });
      assert.equal(wrongTenant.status, 400, 'Ana may not see the other tenant');
      assert.deepEqual(wrongTenant.body.error.fields.map((f: { path: string }) => f.path), ['skills.tenantIds.0']);
      for (const name of ['ana', 'carme']) await d.setAvailable(name);
      await d.advance(1_000);
      await d.setAvailable('bea');
      await d.enqueue('+34600000001');
      assert.deepEqual(d.line.ringingExtensions(), ['2002'], 'only Bea has both skills, although Ana was idle longer');
    });

    test('round robin and fewest calls as queue options', async () => {
      d = await createAcdDesk(kind, { strategy: 'round_robin', wrapUpSeconds: 0 });
      const ops = [await d.addOperator('ana', '2001'), await d.addOperator('bea', '2002'), await d.addOperator('cris', '2003')];
      for (const name of ['cris', 'bea', 'ana']) await d.setAvailable(name);
      const order: string[] = [];
      for (let i = 0; i < 4; i++) {
        const leg = await d.enqueue(`+3460000001${i}`);
        const [ringing] = d.line.ringingExtensions();
        order.push(ringing!);
        d.line.answer(ringing!);
        await d.settle();
        d.services.acd.entry.legEnded(leg, 'remote');
        await d.settle();
      }
      const sorted = [...ops].sort((a, b) => (a.userId < b.userId ? -1 : 1)).map((o) => o.extension);
      assert.deepEqual(order, [sorted[0], sorted[1], sorted[2], sorted[0]], 'each in turn, whoever was idle longest');

      const patched = await d.admin.patch(`/api/v1/queues/${d.queueId}`, { strategy: 'fewest_calls' });
      assert.equal(patched.status, 200);
      const leg = await d.enqueue('+34600000099');
      assert.deepEqual(d.line.ringingExtensions(), [sorted[1]], 'fewest calls today: the two with one call, the longest idle of them');
      assert.ok(leg);
    });
  });
}
