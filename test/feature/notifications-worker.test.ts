import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type ApiClient, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { createCase } from '../../src/server/cases/create-case.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { enqueueNotification, type TNewNotification } from '../../src/server/notifications/enqueue-notification.ts';
import { DeliveryError, type NotificationAdapter, type OutgoingNotification } from '../../src/server/notifications/notification-adapter.ts';
import { createNotificationWorker, type NotificationWorkerOptions } from '../../src/server/notifications/notification-worker.ts';

/** A provider whose answer the test decides per recipient; it remembers every call. */
function fakeProvider() {
  const calls: OutgoingNotification[] = [];
  const failures = new Map<string, { left: number; permanent: boolean }>();
  const adapter: NotificationAdapter = {
    name: 'fake',
    async send(message) {
      calls.push(message);
      const failure = failures.get(message.recipient);
      if (failure && failure.left > 0) {
        failure.left -= 1;
        throw new DeliveryError(failure.permanent ? '550 no such user' : 'connection refused', failure.permanent);
      }
      return { providerMessageId: `fake-${calls.length}` };
    },
  };
  return {
    calls,
    adapters: { email: adapter, sms: adapter, webhook: adapter },
    failNext: (recipient: string, times: number, permanent = false) => failures.set(recipient, { left: times, permanent }),
    callsFor: (id: string) => calls.filter((c) => c.id === id).length,
  };
}

for (const kind of testDatabaseKinds()) {
  describe(`notification worker on ${kind}`, () => {
    let desk: TestDesk;
    let tenantId: string;
    let operator: ApiClient;
    let seq = 0;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      await desk.createUser('op@a.local', 'operator', [tenantId]);
      operator = await desk.signIn('op@a.local');
    });
    after(() => desk.close());

    const worker = (provider: ReturnType<typeof fakeProvider>, over: Partial<NotificationWorkerOptions> = {}) =>
      createNotificationWorker({
        db: desk.services.db, clock: desk.clock, log: createLogger('silent'), adapters: provider.adapters,
        backoff: { baseMs: 60_000, maxMs: 600_000 }, maxAttempts: 3, leaseMs: 120_000, random: () => 0, ...over,
      });
    const enqueue = async (over: Partial<TNewNotification> = {}) => {
      seq += 1;
      const input: TNewNotification = {
        tenantId, channel: 'email', purpose: 'customer_update', recipient: `c${seq}@example.com`, subject: 'Aviso', body: 'Hola',
        idempotencyKey: `worker-${seq}`, ...over,
      };
      return desk.services.db.transaction((tx) => enqueueNotification(tx, input, desk.clock.now()));
    };
    const find = async (id: string) => (await desk.services.notifications.findNotification(id))!;
    const history = async (id: string) => (await operator.get(`/api/v1/notifications/${id}`)).body.history as { status: string; attempt: number; detail: any }[];

    test('a failure is retried after its backoff, then sent; every step is on the case timeline', async () => {
      const caseId = (await createCase(desk.services, { kind: 'caller', name: 'Phone line' }, {
        tenantId, callerPhone: '+34612300001', channel: 'phone', intake: { appliance: 'oven', underWarranty: true, urgency: 'urgent' },
      })).case.id;
      const provider = fakeProvider();
      const message = await enqueue({ caseId, recipient: 'retry@example.com' });
      provider.failNext('retry@example.com', 1);
      const w = worker(provider);

      await w.runOnce();
      let row = await find(message.id);
      assert.deepEqual([row.status, row.attempts, row.lastError], ['queued', 1, 'connection refused']);
      // random() = 0: half the first ceiling of 60 s.
      assert.equal(row.nextAttemptAt!.getTime() - desk.clock.now().getTime(), 30_000);

      await w.runOnce();
      desk.clock.advance(29_999);
      await w.runOnce();
      assert.equal(provider.callsFor(message.id), 1, 'not retried before its time');

      desk.clock.advance(1);
      await w.runOnce();
      row = await find(message.id);
      assert.deepEqual([row.status, row.attempts, row.provider, row.lastError], ['sent', 2, 'fake', null]);
      assert.ok(row.providerMessageId?.startsWith('fake-'));
      assert.deepEqual(row.sentAt, desk.clock.now());
      assert.equal(provider.calls.find((c) => c.id === message.id)!.deliveryKey, message.id);

      desk.clock.advance(3_600_000);
      await w.runOnce();
      assert.equal(provider.callsFor(message.id), 2, 'never sent again once sent');

      assert.deepEqual((await history(message.id)).map((h) => [h.status, h.attempt]), [['queued', 0], ['failed', 1], ['sent', 2]]);
      const timeline = (await operator.get(`/api/v1/cases/${caseId}/timeline`)).body.items.filter((e: { kind: string }) => e.kind.startsWith('notification'));
      assert.deepEqual(timeline.map((e: { kind: string }) => e.kind), ['notification_queued', 'notification_attempt_failed', 'notification_sent']);
      assert.equal(timeline[1].data.error, 'connection refused');
      assert.ok(timeline[1].data.retryAt);
    });

    test('after the maximum attempts the message is failed for good; a permanent error fails at once', async () => {
      const provider = fakeProvider();
      const flaky = await enqueue({ recipient: 'down@example.com' });
      const rejected = await enqueue({ recipient: 'nobody@example.com' });
      provider.failNext('down@example.com', 100);
      provider.failNext('nobody@example.com', 100, true);
      const w = worker(provider);
      for (let i = 0; i < 6; i += 1) {
        await w.runOnce();
        desk.clock.advance(600_000);
      }
      const [down, nobody] = [await find(flaky.id), await find(rejected.id)];
      assert.deepEqual([down.status, down.attempts, down.nextAttemptAt], ['failed', 3, null]);
      assert.deepEqual([nobody.status, nobody.attempts, nobody.lastError], ['failed', 1, '550 no such user']);
      assert.equal(provider.callsFor(flaky.id), 3);
      assert.equal(provider.callsFor(rejected.id), 1);
      const steps = await history(flaky.id);
      assert.deepEqual(steps.map((h) => h.status), ['queued', 'failed', 'failed', 'failed']);
      assert.equal(steps.at(-1)!.detail.final, true);
      assert.equal(steps[1]!.detail.final, undefined);
    });

    test('a worker that dies mid-send: the message waits for its lease, then goes out once more with the same key', async () => {
      const provider = fakeProvider();
      const message = await enqueue({ recipient: 'lease@example.com' });
      // The dead worker: it claimed the message (marked it sending) and never came back.
      const now = desk.clock.now();
      const claimed = await desk.services.notifications.claimDue(now, new Date(now.getTime() + 120_000), 100);
      assert.ok(claimed.some((c) => c.id === message.id));
      assert.equal((await find(message.id)).status, 'sending');

      const w = worker(provider);
      desk.clock.advance(119_999);
      await w.runOnce();
      assert.equal(provider.callsFor(message.id), 0, 'the lease still holds');
      desk.clock.advance(1);
      await w.runOnce();
      const row = await find(message.id);
      assert.deepEqual([row.status, row.attempts], ['sent', 2]);
      assert.equal(provider.calls.find((c) => c.id === message.id)!.deliveryKey, message.id);
    });

    test('a worker that dies during the last attempt: the message is failed, not retried forever', async () => {
      const provider = fakeProvider();
      const message = await enqueue({ recipient: 'last@example.com' });
      await desk.services.db.query(`update notifications set attempts = 2 where id = $1`, [message.id]);
      const now = desk.clock.now();
      await desk.services.notifications.claimDue(now, new Date(now.getTime() + 120_000), 100);
      desk.clock.advance(120_000);
      await worker(provider).runOnce();
      const row = await find(message.id);
      assert.equal(row.status, 'failed');
      assert.match(row.lastError ?? '', /whether it went out is unknown/);
      assert.equal(provider.callsFor(message.id), 0);
    });

    test('several workers at once: every message is sent exactly once', async () => {
      const provider = fakeProvider();
      const ids = [];
      for (let i = 0; i < 24; i += 1) ids.push((await enqueue({ channel: i % 2 ? 'sms' : 'email', recipient: i % 2 ? `+3461240${String(i).padStart(4, '0')}` : `bulk${i}@example.com` })).id);
      const workers = [1, 2, 3].map(() => worker(provider, { batchSize: 5 }));
      for (let round = 0; round < 4; round += 1) await Promise.all(workers.map((w) => w.runOnce()));
      for (const id of ids) assert.equal(provider.callsFor(id), 1, id);
      const statuses = await desk.services.db.query<{ status: string }>(`select status from notifications where id = any($1::uuid[])`, [ids]);
      assert.ok(statuses.every((s) => s.status === 'sent'));
    });

    test('start() polls on its own and stop() waits for the messages in hand', async () => {
      const provider = fakeProvider();
      const message = await enqueue({ recipient: 'poll@example.com' });
      const w = worker(provider, { pollMs: 10 });
      w.start();
      const deadline = Date.now() + 5_000;
      while ((await find(message.id)).status !== 'sent' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      await w.stop();
      assert.equal((await find(message.id)).status, 'sent');
      const later = await enqueue({ recipient: 'after-stop@example.com' });
      await new Promise((r) => setTimeout(r, 50));
      assert.equal((await find(later.id)).status, 'queued', 'a stopped worker sends nothing');
    });
  });
}
