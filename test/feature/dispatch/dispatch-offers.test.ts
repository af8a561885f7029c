import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type TestDesk } from '../../support/test-desk.ts';
import { testDatabaseKinds } from '../../support/test-database.ts';
import { createDispatchWorker } from '../../../src/server/dispatch/dispatch-worker.ts';
import { demoIds, kindsOf, notificationsOf, openOrder, type DemoIds } from './dispatch-fixture.ts';

const boiler = (urgency: 'urgent' | 'normal') => ({ appliance: 'boiler', underWarranty: false, urgency });

for (const kind of testDatabaseKinds()) {
  describe(`dispatch decisions, offers and their deadlines, on ${kind}`, () => {
    // One demo desk seeded on Monday 23 November 2026 at 11:00 in Madrid; the tests move its clock
    // forward in order (the on-call night last), each with its own customer and appliance.
    let desk: TestDesk;
    let ids: DemoIds;
    before(async () => {
      desk = await createTestDesk(kind, { demo: true, start: new Date('2026-11-23T10:00:00Z') });
      ids = await demoIds(desk);
    });
    after(() => desk.close());

    test('no answer in time → the next candidate → nobody left: escalated to the operators and the owner; deadlines survive a restart', async () => {
      const order = await openOrder(desk, ids, 'Ana García López', boiler('normal'));
      const operator = await desk.signIn('operator@demo.local');
      const first = await operator.post(`/api/v1/cases/${order.id}/dispatch`, {});
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.current.decision.mode, 'working_hours');
      assert.deepEqual(first.body.current.offers.map((o: any) => o.technicianName), ['Lucía Fernández']);

      let worker = createDispatchWorker(desk.services);
      desk.clock.advance(299_000);
      assert.equal((await worker.runOnce()).expired, 0, 'not before its deadline');
      desk.clock.advance(2_000);
      assert.deepEqual(await worker.runOnce(), { expired: 1, retried: 0, autoDispatched: 0, failed: 0 });
      let view = (await operator.get(`/api/v1/cases/${order.id}/dispatch`)).body.current;
      assert.deepEqual(view.offers.map((o: any) => [o.technicianName, o.status]), [['Lucía Fernández', 'expired'], ['Pau Vidal', 'pending']]);
      assert.equal((await desk.services.cases.findCase(order.id))!.status, 'dispatched');

      // A restart: a new worker knows nothing but what the database holds.
      worker = createDispatchWorker(desk.services);
      desk.clock.advance(301_000);
      assert.equal((await worker.runOnce()).expired, 1);
      view = (await operator.get(`/api/v1/cases/${order.id}/dispatch`)).body.current;
      assert.equal(view.status, 'escalated');
      assert.deepEqual(view.offers.map((o: any) => o.status), ['expired', 'expired']);
      assert.equal((await desk.services.cases.findCase(order.id))!.status, 'new', 'back to the operators');

      const kinds = await kindsOf(desk, order.id);
      assert.deepEqual(kinds.filter((k) => k.startsWith('offer_') || k.startsWith('dispatch_')), [
        'dispatch_decided', 'offer_made', 'offer_expired', 'offer_made', 'offer_expired', 'dispatch_escalated',
      ]);
      const alerts = await desk.services.db.query<{ recipient: string }>(
        `select recipient from notifications where case_id = $1 and purpose = 'staff_alert'`, [order.id]);
      assert.deepEqual(alerts.map((a) => a.recipient), ['admin@demo.local']);
      const listed = await operator.get('/api/v1/dispatch/alerts');
      assert.deepEqual(listed.body.items.map((a: any) => a.caseId), [order.id]);
      assert.equal((await worker.runOnce()).expired, 0, 'nothing left to expire');

      // The operator assigns by hand; the alert goes away once the case is dispatched again.
      const pau = ids.technicians.get('Pau Vidal')!;
      const manual = await operator.post(`/api/v1/cases/${order.id}/dispatch`, { technicianId: pau });
      assert.equal(manual.body.current.mode, 'manual');
      assert.deepEqual(manual.body.current.offers.map((o: any) => [o.technicianName, o.status]), [['Pau Vidal', 'pending']]);
      assert.deepEqual((await operator.get('/api/v1/dispatch/alerts')).body.items, []);
    });
    test('a tenant whose policy dispatches on creation: the worker sweeps new cases, once', async () => {
      const order = await openOrder(desk, ids, 'María José Sánchez', { appliance: 'washing_machine', underWarranty: true, urgency: 'normal' });
      const worker = createDispatchWorker(desk.services);
      const run = await worker.runOnce();
      assert.equal(run.autoDispatched, 1, 'only the new order: the seeded past cases predate the policy, the others were dispatched');
      assert.equal((await worker.runOnce()).autoDispatched, 0);
      const view = (await (await desk.signIn('operator@demo.local')).get(`/api/v1/cases/${order.id}/dispatch`)).body.current;
      assert.equal(view.mode, 'automatic');
      assert.equal(view.offers[0].technicianName, 'Jordi Puig', 'the nearest washing-machine technician on shift');
    });
    test('dispatch is refused to technicians, hidden across tenants, and names bad fields', async () => {
      const order = await openOrder(desk, ids, 'Restaurante El Olivo', { appliance: 'dishwasher', underWarranty: false, urgency: 'normal' });
      const tech = await desk.signIn('tech1@demo.local');
      assert.equal((await tech.post(`/api/v1/cases/${order.id}/dispatch`, {})).status, 403);
      const other = await desk.createTenant('Otra', 'OTRA');
      await desk.createUser('op2@other.local', 'operator', [other.id]);
      const stranger = await desk.signIn('op2@other.local');
      assert.equal((await stranger.post(`/api/v1/cases/${order.id}/dispatch`, {})).status, 404);
      const operator = await desk.signIn('operator@demo.local');
      const bad = await operator.post(`/api/v1/cases/${order.id}/dispatch`, { technicianId: 'nope' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.fields[0].path, 'technicianId');
      const foreign = await operator.post(`/api/v1/cases/${order.id}/dispatch`, { technicianId: '00000000-0000-4000-8000-000000000000' });
      assert.equal(foreign.status, 400);
      assert.match(foreign.body.error.message, /technicianId: not an active technician of this tenant/);
    });
    test('an urgent boiler in Lucía\'s zone at 22:00 goes to her: she is on call, the specialists on shift have gone home', async () => {
      // 22:00 in Madrid; the demo rota puts Lucía on call from 18:00 to 08:00.
      desk.clock.set(new Date('2026-11-23T21:00:00Z'));
      const order = await openOrder(desk, ids, 'Restaurante El Olivo', boiler('urgent'), 'La caldera pierde presión y no hay agua caliente');
      const operator = await desk.signIn('operator@demo.local');
      const res = await operator.post(`/api/v1/cases/${order.id}/dispatch`, {});
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const { current } = res.body;
      assert.equal(current.decision.chosen, ids.technicians.get('Lucía Fernández'));
      assert.equal(current.decision.mode, 'on_call');
      assert.equal(current.decision.onCallFallback, true, 'the desk answers around the clock, the workshop does not');
      const byName = Object.fromEntries(current.decision.candidates.map((c: any) => [c.technicianName, c.excludedBy ?? 'eligible']));
      assert.deepEqual(byName, {
        'Lucía Fernández': 'eligible', 'Pau Vidal': 'off_duty', 'Jordi Puig': 'skill', 'Andrés Navarro': 'skill', 'Carmen Soler': 'skill',
      });
      assert.deepEqual(current.offers.map((o: any) => [o.technicianName, o.status]), [['Lucía Fernández', 'pending']]);
      assert.equal(Date.parse(current.offers[0].expiresAt) - Date.parse(current.offers[0].offeredAt), 300_000);

      const timeline = await desk.services.cases.listTimeline(order.id);
      const decided = timeline.find((e) => e.kind === 'dispatch_decided')!;
      const stored = (decided.data as any).decision;
      assert.equal(stored.candidates[0].technicianName, 'Lucía Fernández');
      assert.ok(stored.candidates[0].scores.distance > 0.8, 'about 2 km from her home base');
      assert.match(stored.summary, /on-call rota/);
      assert.equal((await desk.services.cases.findCase(order.id))!.status, 'dispatched');
      const sent = await notificationsOf(desk, order.id);
      assert.deepEqual(sent.map((n) => [n.purpose, n.channel, n.recipient]), [
        ['technician_offer', 'sms', '+34611000002'], ['technician_offer', 'email', 'tech2@demo.local'],
      ]);
      assert.match(sent[0]!.body, /aviso \d+ URGENTE — boiler, Madrid\. Responde SI \d{4} o NO \d{4}, o abre https:\/\/desk\.example\/offer#of_/);
    });
  });
}
