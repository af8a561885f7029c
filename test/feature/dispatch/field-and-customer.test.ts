import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createTestDesk, type ApiClient, type TestDesk } from '../../support/test-desk.ts';
import { testDatabaseKinds } from '../../support/test-database.ts';
import { createDispatchWorker } from '../../../src/server/dispatch/dispatch-worker.ts';
import { smsWebhookSignature } from '../../../src/server/dispatch/sms-signature.ts';
import { createDevOutboxAdapter } from '../../../src/server/notifications/dev-outbox-adapter.ts';
import { createNotificationWorker } from '../../../src/server/notifications/notification-worker.ts';
import { enqueueNotification } from '../../../src/server/notifications/enqueue-notification.ts';
import { createLogger } from '../../../src/server/platform/logger.ts';
import { demoIds, kindsOf, linkToken, notificationsOf, openOrder, type DemoIds } from './dispatch-fixture.ts';

const smsToken = 'sms-auth-token-for-tests';
// A 1×1 transparent PNG: the smallest signature there is.
const signature = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

for (const kind of testDatabaseKinds()) {
  describe(`offers by link and SMS, the technician's mobile actions, customer updates and closure, on ${kind}`, () => {
    let desk: TestDesk;
    let ids: DemoIds;
    let operator: ApiClient;
    const log = createLogger('silent');
    const deliver = () => {
      const outbox = createDevOutboxAdapter({ log });
      return createNotificationWorker({ db: desk.services.db, clock: desk.clock, log, adapters: { email: outbox, sms: outbox, webhook: outbox }, batchSize: 100 }).runOnce();
    };
    const smsBody = async (caseId: string, recipient: string) =>
      (await notificationsOf(desk, caseId)).filter((n) => n.channel === 'sms' && n.recipient === recipient).at(-1)!.body;

    before(async () => {
      desk = await createTestDesk(kind, { demo: true, smsAuthToken: smsToken, start: new Date('2026-11-23T10:00:00Z') });
      ids = await demoIds(desk);
      operator = await desk.signIn('operator@demo.local');
    });
    after(() => desk.close());

    let washer: string;
    let technician: ApiClient;

    test('accepting by the offer link: once; the case is the technician\'s, and the customer gets a status link that needs no login', async () => {
      washer = (await openOrder(desk, ids, 'Ana García López', { appliance: 'washing_machine', underWarranty: true, urgency: 'normal', brand: 'Bosch' })).id;
      const dispatched = await operator.post(`/api/v1/cases/${washer}/dispatch`, {});
      assert.equal(dispatched.body.current.offers[0].technicianName, 'Jordi Puig');
      await deliver();
      const token = linkToken(await smsBody(washer, '+34611000001'), 'offer');
      const shown = await desk.anonymous.post('/api/v1/offers/by-link', { token });
      assert.deepEqual([shown.status, shown.body.status, shown.body.city], [200, 'pending', 'Madrid']);
      const accepted = await desk.anonymous.post('/api/v1/offers/by-link/answer', { token, answer: 'accept' });
      assert.deepEqual([accepted.status, accepted.body.status], [200, 'accepted']);
      const again = await desk.anonymous.post('/api/v1/offers/by-link/answer', { token, answer: 'decline' });
      assert.equal(again.status, 409, 'the link works once');
      assert.equal((await desk.anonymous.post('/api/v1/offers/by-link', { token: 'of_' + 'x'.repeat(43) })).status, 404);

      const row = (await desk.services.cases.findCase(washer))!;
      const jordi = (await desk.services.technicians.findTechnician(ids.technicians.get('Jordi Puig')!))!;
      assert.deepEqual([row.status, row.assignedUserId], ['accepted', jordi.userId]);
      const messages = await notificationsOf(desk, washer);
      assert.deepEqual(messages.filter((n) => n.purpose === 'technician_offer').map((n) => n.status), ['acknowledged', 'acknowledged']);
      const customer = messages.filter((n) => n.purpose === 'customer_update');
      assert.deepEqual(customer.map((n) => [n.channel, n.recipient]), [['sms', '+34612345678']]);
      assert.match(customer[0]!.body, new RegExp(`Su aviso ${row.reference} está asignado a Jordi\\. Siga el estado aquí: https://desk\\.example/status#st_`));
      const status = await desk.anonymous.post('/api/v1/public/case-status', { token: linkToken(customer[0]!.body, 'status') });
      assert.deepEqual([status.status, status.body.status, status.body.technicianName, status.body.reference], [200, 'accepted', 'Jordi', row.reference], 'the first name only');
      assert.deepEqual(status.body.steps.map((s: any) => s.status), ['new', 'dispatched', 'accepted']);
      assert.ok((await kindsOf(desk, washer)).includes('notification_acknowledged'));
    });

    test('the technician signs in with a one-time link, and queued actions are applied once however often they are replayed', async () => {
      const jordiId = ids.technicians.get('Jordi Puig')!;
      assert.equal((await operator.post(`/api/v1/tenants/${ids.tenantId}/technicians/${jordiId}/sign-in-link`, {})).status, 200);
      const [link] = await desk.services.db.query<{ body: string }>(
        `select body from notifications where purpose = 'technician_update' and channel = 'sms' and recipient = '+34611000001'`);
      const token = linkToken(link!.body, 'field/sign-in');
      const signedIn = await desk.anonymous.post('/api/v1/field/sign-in', { token });
      assert.equal(signedIn.status, 200);
      assert.equal((await desk.anonymous.post('/api/v1/field/sign-in', { token })).status, 401, 'a used link is refused');
      const auth = { cookie: signedIn.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': signedIn.body.csrfToken };
      technician = {
        request: (m, p, b, h = {}) => desk.anonymous.request(m, p, b, { ...auth, ...h }),
        get: (p) => desk.anonymous.request('GET', p, undefined, auth),
        post: (p, b) => desk.anonymous.request('POST', p, b ?? {}, auth),
        patch: (p, b) => desk.anonymous.request('PATCH', p, b, auth),
        delete: (p) => desk.anonymous.request('DELETE', p, undefined, auth),
      };
      const overview = await technician.get('/api/v1/field');
      assert.equal(overview.status, 200);
      assert.deepEqual(overview.body.jobs.map((j: any) => [j.caseId, j.status, j.brand]), [[washer, 'accepted', 'Bosch']]);
      assert.deepEqual(overview.body.jobs[0].location, { lat: 40.4155, lon: -3.7074 });

      desk.clock.advance(60_000);
      const enRoute = { actionId: randomUUID(), kind: 'set_status', caseId: washer, to: 'en_route' };
      const first = await technician.post('/api/v1/field/actions', enRoute);
      assert.deepEqual([first.status, first.body.replayed, first.body.status], [200, false, 'en_route']);
      const replay = await technician.post('/api/v1/field/actions', enRoute);
      assert.deepEqual([replay.status, replay.body.replayed, replay.body.status], [200, true, 'en_route']);
      const moves = (await desk.services.cases.listTimeline(washer)).filter((e) => e.kind === 'status_changed' && (e.after as any).status === 'en_route');
      assert.equal(moves.length, 1, 'the replay changed nothing');
      const updates = (await notificationsOf(desk, washer)).filter((n) => n.purpose === 'customer_update');
      assert.equal(updates.length, 2);
      assert.match(updates[1]!.body, /Jordi va de camino por su aviso/);

      desk.clock.advance(20 * 60_000);
      assert.equal((await technician.post('/api/v1/field/actions', { actionId: randomUUID(), kind: 'set_status', caseId: washer, to: 'on_site' })).status, 200);
      desk.clock.advance(75 * 60_000);
      const bad = await technician.post('/api/v1/field/actions', { actionId: randomUUID(), kind: 'resolve', caseId: washer, report: { workDone: '', minutes: -1 } });
      assert.equal(bad.status, 400);
      assert.deepEqual(bad.body.error.fields.map((f: any) => f.path).sort(), ['report.minutes', 'report.workDone']);
      const resolve = {
        actionId: randomUUID(), kind: 'resolve', caseId: washer,
        report: { workDone: 'Cambio de rodamientos del tambor', parts: [{ name: 'Rodamiento 6205', quantity: 2 }], minutes: 75, signature, signedBy: 'Ana García' },
      };
      assert.equal((await technician.post('/api/v1/field/actions', resolve)).body.status, 'resolved');
      assert.equal((await technician.post('/api/v1/field/actions', resolve)).body.replayed, true);
      const reports = await desk.services.db.query<{ n: number; bytes: number }>(
        `select count(*)::int as n, max(length(signature_png))::int as bytes from job_reports where case_id = $1`, [washer]);
      assert.deepEqual(reports[0], { n: 1, bytes: 68 });
      const stages = (await notificationsOf(desk, washer)).filter((n) => n.purpose === 'customer_update').map((n) => /Su aviso \d+ está resuelto/.test(n.body));
      assert.deepEqual(stages, [false, false, true]);

      const other = await desk.signIn('tech2@demo.local');
      assert.equal((await other.post('/api/v1/field/actions', { actionId: randomUUID(), kind: 'reopen', caseId: washer, note: 'x' })).status, 404);
      const reopen = await technician.post('/api/v1/field/actions', { actionId: randomUUID(), kind: 'reopen', caseId: washer, note: 'Falta la bomba de desagüe' });
      assert.deepEqual([reopen.status, reopen.body.status], [200, 'reopened']);
      assert.equal((await operator.get('/api/v1/field')).status, 403, 'the mobile view is the technicians\'');
    });

    test('a reply by SMS answers the offer with its code, only when the provider\'s signature checks out', async () => {
      const order = (await openOrder(desk, ids, 'Restaurante El Olivo', { appliance: 'dishwasher', underWarranty: false, urgency: 'normal' })).id;
      const first = await operator.post(`/api/v1/cases/${order}/dispatch`, {});
      const phones: Record<string, string> = { 'Jordi Puig': '+34611000001', 'Pau Vidal': '+34611000005' };
      const [firstName, secondName] = first.body.current.decision.candidates.filter((c: any) => c.eligible).map((c: any) => c.technicianName);
      assert.deepEqual([firstName, secondName].sort(), ['Jordi Puig', 'Pau Vidal'], 'the two dishwasher technicians on shift');
      const code = /NO (\d{4})/.exec(await smsBody(order, phones[firstName]!))![1]!;
      const post = (params: Record<string, string>, sig?: string) =>
        desk.anonymous.request('POST', '/api/v1/webhooks/sms', new URLSearchParams(params).toString(), {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': sig ?? smsWebhookSignature(smsToken, 'https://desk.example/api/v1/webhooks/sms', params),
        });
      const decline = { From: phones[firstName]!, Body: `No ${code}`, MessageSid: 'SM1' };
      assert.equal((await post(decline, 'forged')).status, 403);
      assert.equal((await post({ ...decline, Body: 'Si 0000' })).body.includes('No hay ningún aviso pendiente'), true);
      const declined = await post(decline);
      assert.equal(declined.status, 200);
      assert.match(declined.body, /<Message>Aviso \d+ rechazado\.<\/Message>/);
      const view = (await operator.get(`/api/v1/cases/${order}/dispatch`)).body.current;
      assert.deepEqual(view.offers.map((o: any) => [o.technicianName, o.status, o.answeredVia]), [[firstName, 'declined', 'sms'], [secondName, 'pending', null]]);
      const nextCode = /SI (\d{4})/.exec(await smsBody(order, phones[secondName]!))![1]!;
      const accepted = await post({ From: phones[secondName]!, Body: `sí ${nextCode}`, MessageSid: 'SM2' });
      assert.match(accepted.body, /aceptado/);
      assert.equal((await desk.services.cases.findCase(order))!.status, 'accepted');
    });

    test('closing a case ends its offers, dispatch rounds and callbacks; a later message to the customer is refused and logged', async () => {
      const order = (await openOrder(desk, ids, 'María José Sánchez', { appliance: 'oven', underWarranty: false, urgency: 'normal' })).id;
      await operator.post(`/api/v1/cases/${order}/dispatch`, {});
      const db = desk.services.db;
      const [queue] = await db.query<{ id: string }>(`insert into queues (tenant_id, name) values ($1, 'Averías') returning id`, [ids.tenantId]);
      const [callback] = await db.query<{ id: string }>(
        `insert into queue_calls (tenant_id, queue_id, caller_id, enqueued_at, position_at, status, callback_requested_at, callback_number, case_id)
         values ($1, $2, '+34633445566', $3, $3, 'callback_waiting', $3, '+34633445566', $4) returning id`,
        [ids.tenantId, queue!.id, desk.clock.now(), order],
      );
      const cancelled = await operator.post(`/api/v1/cases/${order}/transitions`, { to: 'cancelled', note: 'El cliente lo ha arreglado' });
      assert.equal(cancelled.status, 200);
      const offers = await db.query<{ status: string }>('select status from offers where case_id = $1', [order]);
      assert.deepEqual(offers.map((o) => o.status), ['cancelled']);
      const rounds = await db.query<{ status: string }>('select status from dispatches where case_id = $1', [order]);
      assert.deepEqual(rounds.map((r) => r.status), ['cancelled']);
      const [call] = await db.query<{ status: string; endReason: string }>('select status, end_reason as "endReason" from queue_calls where id = $1', [callback!.id]);
      assert.deepEqual(call, { status: 'callback_failed', endReason: 'case_closed' });
      const ended = (await desk.services.cases.listTimeline(order)).find((e) => e.kind === 'follow_ups_cancelled')!;
      assert.deepEqual(ended.data, { messages: 2, offers: 1, dispatches: 1, callbacks: 1 }, 'the offer by SMS and by e-mail');

      const refused = await db.transaction((tx) => enqueueNotification(tx, {
        tenantId: ids.tenantId, caseId: order, channel: 'sms', purpose: 'customer_update', recipient: '+34633445566', body: '¿Qué tal la reparación?', idempotencyKey: 'late-1',
      }, desk.clock.now()));
      assert.equal(refused.status, 'refused');
      assert.ok((await kindsOf(desk, order)).includes('notification_refused'));
      desk.clock.advance(600_000);
      const run = await createDispatchWorker(desk.services).runOnce();
      assert.equal(run.failed, 0);
      assert.deepEqual((await db.query<{ status: string }>('select status from offers where case_id = $1', [order])).map((o) => o.status), ['cancelled']);
    });

    test('revoking a case\'s status links stops every one of them', async () => {
      const [sent] = await desk.services.db.query<{ body: string }>(
        `select body from notifications where case_id = $1 and purpose = 'customer_update' order by created_at limit 1`, [washer]);
      const token = linkToken(sent!.body, 'status');
      assert.equal((await desk.anonymous.post('/api/v1/public/case-status', { token })).status, 200);
      const revoked = await operator.post(`/api/v1/cases/${washer}/status-links/revoke`, {});
      assert.deepEqual([revoked.status, revoked.body.revoked], [200, 3]);
      assert.equal((await desk.anonymous.post('/api/v1/public/case-status', { token })).status, 404);
      assert.equal((await technician.post(`/api/v1/cases/${washer}/status-links/revoke`, {})).status, 403);
    });
  });
}
