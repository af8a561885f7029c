import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { createCase } from '../../src/server/cases/create-case.ts';
import { transitionCase } from '../../src/server/cases/change-case.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { AppError } from '../../src/server/platform/errors.ts';
import { cancelPendingNotifications, enqueueNotification, type TNewNotification } from '../../src/server/notifications/enqueue-notification.ts';
import { createNotificationAdapters, ZNotificationConfig } from '../../src/server/notifications/notification-config.ts';
import { createNotificationWorker } from '../../src/server/notifications/notification-worker.ts';
import { recordNotificationReceipt } from '../../src/server/notifications/record-notification-receipt.ts';

const system = { kind: 'system', name: 'test' } as const;

for (const kind of testDatabaseKinds()) {
  describe(`notification outbox on ${kind}`, () => {
    let desk: TestDesk;
    let tenantId: string;
    let otherTenantId: string;
    let operator: ApiClient;
    let otherOperator: ApiClient;
    let technician: ApiClient;
    let phoneSeq = 0;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      otherTenantId = (await desk.createTenant('Tenant B', 'TB')).id;
      await desk.createUser('op@a.local', 'operator', [tenantId]);
      await desk.createUser('op@b.local', 'operator', [otherTenantId]);
      await desk.createUser('tech@a.local', 'technician', [tenantId]);
      operator = await desk.signIn('op@a.local');
      otherOperator = await desk.signIn('op@b.local');
      technician = await desk.signIn('tech@a.local');
    });
    after(() => desk.close());

    const openCase = async () => {
      phoneSeq += 1;
      const result = await createCase(desk.services, { kind: 'caller', name: 'Phone line' }, {
        tenantId, callerPhone: `+3461200${String(phoneSeq).padStart(4, '0')}`, channel: 'phone',
        intake: { appliance: 'boiler', underWarranty: false, urgency: 'normal' },
      });
      return result.case.id;
    };
    const closeCase = async (caseId: string) => {
      await transitionCase(desk.services, system, caseId, { to: 'resolved' });
      await transitionCase(desk.services, system, caseId, { to: 'closed' });
    };
    const email = (key: string, over: Partial<TNewNotification> = {}): TNewNotification => ({
      tenantId, channel: 'email', purpose: 'customer_update', recipient: 'cliente@example.com', subject: 'Su reparación',
      body: 'Su técnico llegará mañana.', idempotencyKey: key, ...over,
    });
    const enqueue = (input: TNewNotification) => desk.services.db.transaction((tx) => enqueueNotification(tx, input, desk.clock.now()));
    const timelineKinds = async (caseId: string) =>
      (await operator.get(`/api/v1/cases/${caseId}/timeline`)).body.items.map((e: { kind: string }) => e.kind).filter((k: string) => k.startsWith('notification'));
    const statusOf = async (id: string) => (await desk.services.notifications.findNotification(id))!.status;

    test('written in the caller transaction: a rollback leaves nothing queued, a commit queues it on the timeline', async () => {
      const caseId = await openCase();
      await assert.rejects(
        desk.services.db.transaction(async (tx) => {
          await enqueueNotification(tx, email('rollback-1', { caseId }), desk.clock.now());
          throw new Error('the state change failed');
        }),
        /the state change failed/,
      );
      assert.equal(await desk.services.notifications.findByKey(tenantId, 'rollback-1'), undefined);
      assert.deepEqual(await timelineKinds(caseId), []);
      assert.equal(await desk.count('notification_attempts'), 0);

      const row = await enqueue(email('rollback-1', { caseId }));
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 0);
      assert.deepEqual(row.nextAttemptAt, desk.clock.now());
      assert.deepEqual(await timelineKinds(caseId), ['notification_queued']);
    });

    test('idempotency: the same key is a no-op returning the first message; keys are per tenant', async () => {
      const first = await enqueue(email('welcome-1'));
      const second = await enqueue(email('welcome-1', { body: 'a different text', recipient: 'other@example.com' }));
      assert.equal(second.id, first.id);
      assert.equal(second.body, first.body);
      // Two transactions racing with one key still make one message.
      const raced = await Promise.all([enqueue(email('race-1')), enqueue(email('race-1'))]);
      assert.equal(raced[0].id, raced[1].id);
      const [counted] = await desk.services.db.query<{ n: number }>(
        `select count(*)::int as n from notifications where idempotency_key in ('welcome-1', 'race-1')`,
      );
      assert.equal(counted?.n, 2);
      const elsewhere = await enqueue(email('welcome-1', { tenantId: otherTenantId }));
      assert.notEqual(elsewhere.id, first.id);
      assert.equal(elsewhere.tenantId, otherTenantId);
    });

    test('bad input names the field; a case of another tenant is refused', async () => {
      const caseId = await openCase();
      for (const [input, field] of [
        [email('bad-1', { recipient: 'not-mail' }), 'recipient'],
        [email('bad-2', { channel: 'sms', recipient: '612 000 111' }), 'recipient'],
        [email('bad-3', { channel: 'webhook', recipient: 'ftp://x.example/' }), 'recipient'],
        [email('bad-4', { subject: 'one\r\nBcc: x@y.example' }), 'subject'],
        [email('bad-5', { tenantId: otherTenantId, caseId }), 'caseId'],
      ] as const) {
        const error = await enqueue(input).catch((e: unknown) => e);
        assert.ok(error instanceof AppError && error.code === 'validation_failed', String(error));
        assert.equal(error.fields[0]?.path, field);
      }
    });

    test('closure guard: closing cancels what was pending; a later message to the customer is refused and logged', async () => {
      const caseId = await openCase();
      const update = await enqueue(email('close-update', { caseId }));
      const offer = await enqueue(email('close-offer', { caseId, purpose: 'technician_offer', channel: 'sms', recipient: '+34699000001' }));
      const hook = await enqueue(email('close-hook', { caseId, purpose: 'integration_event', channel: 'webhook', recipient: 'https://crm.example/hook' }));
      // Closing the case cancels, in its own transaction, every pending message it should.
      await closeCase(caseId);
      const again = await desk.services.db.transaction((tx) => cancelPendingNotifications(tx, caseId, desk.clock.now()));
      assert.deepEqual(again, [], 'nothing was left to cancel');
      assert.deepEqual([await statusOf(update.id), await statusOf(offer.id), await statusOf(hook.id)], ['cancelled', 'cancelled', 'queued']);

      const refused = await enqueue(email('after-close', { caseId, purpose: 'customer_follow_up' }));
      assert.equal(refused.status, 'refused');
      assert.match(refused.lastError ?? '', /closed: the customer is not contacted again/);
      const timeline = (await operator.get(`/api/v1/cases/${caseId}/timeline`)).body.items;
      const kinds = timeline.map((e: { kind: string }) => e.kind).filter((k: string) => k.startsWith('notification'));
      // Resolving queued the customer's "resolved" message too; the closure right after cancelled it with the others.
      assert.deepEqual(kinds, [
        'notification_queued', 'notification_queued', 'notification_queued', 'notification_queued',
        'notification_cancelled', 'notification_cancelled', 'notification_cancelled', 'notification_refused',
      ]);
      const entry = timeline.find((e: { kind: string }) => e.kind === 'notification_refused');
      assert.deepEqual([entry.data.notificationId, entry.data.purpose, entry.actorType], [refused.id, 'customer_follow_up', 'system']);
      const detail = (await operator.get(`/api/v1/notifications/${refused.id}`)).body;
      assert.deepEqual(detail.history.map((h: { status: string }) => h.status), ['refused']);
      // A retry of the refused message with the same key stays refused.
      assert.equal((await enqueue(email('after-close', { caseId }))).status, 'refused');
    });

    test('closed without cancelling: the worker refuses at send time and never calls the provider', async () => {
      const caseId = await openCase();
      const queued = await enqueue(email('late-update', { caseId }));
      // A closure the use case did not make (another process, a manual repair): the send-time guard still holds.
      await desk.services.db.query(`update cases set status = 'closed', closed_at = now() where id = $1`, [caseId]);
      const sent: string[] = [];
      const adapter = { name: 'fake', send: async (m: { id: string }) => { sent.push(m.id); return { providerMessageId: 'x' }; } };
      await createNotificationWorker({ db: desk.services.db, clock: desk.clock, log: createLogger('silent'), adapters: { email: adapter, sms: adapter, webhook: adapter } }).runOnce();
      assert.ok(!sent.includes(queued.id));
      assert.equal(await statusOf(queued.id), 'refused');
      assert.deepEqual((await timelineKinds(caseId)).slice(-1), ['notification_refused']);
    });

    test('with no provider configured, the development outbox keeps what would have been sent', async () => {
      const caseId = await openCase();
      const queued = await enqueue(email('outbox-1', { caseId, subject: 'Técnico asignado' }));
      const log = createLogger('silent');
      const adapters = createNotificationAdapters(ZNotificationConfig.parse({}), { clock: desk.clock, log });
      await createNotificationWorker({ db: desk.services.db, clock: desk.clock, log, adapters }).runOnce();
      const listed = (await operator.get(`/api/v1/notifications?case=${caseId}`)).body.items;
      assert.equal(listed.length, 1);
      assert.deepEqual([listed[0].id, listed[0].status, listed[0].provider, listed[0].subject], [queued.id, 'sent', 'dev-outbox', 'Técnico asignado']);
      assert.equal(listed[0].caseReference.length >= 8, true);
      assert.deepEqual(await timelineKinds(caseId), ['notification_queued', 'notification_sent']);

      assert.equal(await recordNotificationReceipt({ db: desk.services.db, clock: desk.clock }, queued.id, 'delivered'), true);
      assert.equal(await recordNotificationReceipt({ db: desk.services.db, clock: desk.clock }, queued.id, 'acknowledged', { via: 'link' }), true);
      assert.equal(await recordNotificationReceipt({ db: desk.services.db, clock: desk.clock }, queued.id, 'delivered'), false, 'receipts never move back');
      assert.equal(await statusOf(queued.id), 'acknowledged');
      assert.deepEqual((await timelineKinds(caseId)).slice(-2), ['notification_delivered', 'notification_acknowledged']);
      const pending = await enqueue(email('outbox-2'));
      assert.equal(await recordNotificationReceipt({ db: desk.services.db, clock: desk.clock }, pending.id, 'delivered'), false, 'not sent yet');
    });

    test('the API: tenant-scoped, filtered, paged; other tenants get 404, technicians 403', async () => {
      const caseId = await openCase();
      const queued = await enqueue(email('api-1', { caseId }));
      const page = await operator.get(`/api/v1/notifications?tenant=${tenantId}&status=queued&limit=1`);
      assert.equal(page.status, 200);
      assert.equal(page.body.items.length, 1);
      assert.ok(page.body.nextCursor);
      const next = await operator.get(`/api/v1/notifications?tenant=${tenantId}&status=queued&limit=1&cursor=${page.body.nextCursor}`);
      assert.notEqual(next.body.items[0].id, page.body.items[0].id);
      const all = (await operator.get('/api/v1/notifications?limit=200')).body.items;
      assert.ok(all.every((n: { tenantId: string }) => n.tenantId === tenantId));
      assert.ok(all.some((n: { id: string }) => n.id === queued.id));

      assert.equal((await otherOperator.get(`/api/v1/notifications?tenant=${tenantId}`)).status, 404);
      assert.equal((await otherOperator.get(`/api/v1/notifications?case=${caseId}`)).status, 404);
      assert.equal((await otherOperator.get(`/api/v1/notifications/${queued.id}`)).status, 404);
      assert.ok((await otherOperator.get('/api/v1/notifications')).body.items.every((n: { tenantId: string }) => n.tenantId === otherTenantId));
      assert.equal((await technician.get('/api/v1/notifications')).status, 403);
      assert.equal((await desk.anonymous.get('/api/v1/notifications')).status, 401);
      const bad = await operator.get('/api/v1/notifications?status=lost');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.fields[0].path, 'status');
    });
  });
}
