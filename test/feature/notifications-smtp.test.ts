import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type TestDesk } from '../support/test-desk.ts';
import { testDatabaseKinds } from '../support/test-database.ts';
import { createCase } from '../../src/server/cases/create-case.ts';
import { createLogger } from '../../src/server/platform/logger.ts';
import { enqueueNotification, type TNewNotification } from '../../src/server/notifications/enqueue-notification.ts';
import { createDevOutboxAdapter } from '../../src/server/notifications/dev-outbox-adapter.ts';
import { createNotificationWorker } from '../../src/server/notifications/notification-worker.ts';
import { createSmtpAdapter } from '../../src/server/notifications/smtp-adapter.ts';
import { createSmtpServer } from '../unit/notifications/smtp-test-server.ts';

for (const kind of testDatabaseKinds()) {
  describe(`e-mail over a real SMTP server that goes down, on ${kind}`, () => {
    let desk: TestDesk;
    let tenantId: string;
    let caseId: string;
    const auth = { user: 'desk', password: 'smtp-secret-1' };
    const smtp = createSmtpServer({ ...auth, mechanisms: 'PLAIN LOGIN' });
    const log = createLogger('silent');
    let seq = 0;

    before(async () => {
      desk = await createTestDesk(kind);
      tenantId = (await desk.createTenant('Tenant A', 'TA')).id;
      caseId = (await createCase(desk.services, { kind: 'caller', name: 'Phone line' }, {
        tenantId, callerPhone: '+34612500001', channel: 'phone', intake: { appliance: 'dishwasher', underWarranty: false, urgency: 'normal' },
      })).case.id;
      await smtp.start();
    });
    after(async () => {
      await smtp.stop();
      await desk.close();
    });

    const worker = (mechanisms?: { password: string }) => {
      const email = createSmtpAdapter({
        host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'avisos@desk.example', fromName: 'Reparaciones Martínez',
        user: auth.user, password: mechanisms?.password ?? auth.password, timeoutMs: 2_000,
      }, { clock: desk.clock });
      const outbox = createDevOutboxAdapter({ log });
      return createNotificationWorker({
        db: desk.services.db, clock: desk.clock, log, adapters: { email, sms: outbox, webhook: outbox },
        backoff: { baseMs: 60_000, maxMs: 600_000 }, maxAttempts: 5, leaseMs: 30_000,
      });
    };
    const enqueue = (over: Partial<TNewNotification>) => {
      seq += 1;
      const input: TNewNotification = {
        tenantId, channel: 'email', purpose: 'customer_update', recipient: `cliente${seq}@example.com`, idempotencyKey: `smtp-${seq}`,
        subject: `Reparación nº ${seq}: técnico en camino`, body: `Hola,\n.\n..línea con puntos\nSaludos ${seq}`, ...over,
      };
      return desk.services.db.transaction((tx) => enqueueNotification(tx, input, desk.clock.now()));
    };
    const find = async (id: string) => (await desk.services.notifications.findNotification(id))!;

    test('five e-mails queued during an outage are all delivered exactly once after the server returns', async () => {
      await smtp.stop();
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) ids.push((await enqueue({ caseId: i < 2 ? caseId : null })).id);
      const w = worker();

      const down = await w.runOnce();
      assert.deepEqual([down.claimed, down.retried, down.sent], [5, 5, 0]);
      for (const id of ids) {
        const row = await find(id);
        assert.deepEqual([row.status, row.attempts], ['queued', 1]);
        assert.match(row.lastError ?? '', /ECONNREFUSED/);
        assert.ok(row.nextAttemptAt! > desk.clock.now(), 'backed off');
      }
      assert.equal((await w.runOnce()).claimed, 0, 'nothing is retried before its backoff');

      const port = smtp.port;
      await smtp.start();
      assert.equal(smtp.port, port, 'restarted on the same port');
      desk.clock.advance(60_000);
      const back = await w.runOnce();
      assert.deepEqual([back.claimed, back.sent], [5, 5]);
      desk.clock.advance(3_600_000);
      assert.equal((await w.runOnce()).claimed, 0);

      assert.equal(smtp.received.length, 5);
      const messageIds = new Set(smtp.received.map((m) => m.messageId));
      assert.equal(messageIds.size, 5, 'no message was sent twice');
      for (const id of ids) {
        const row = await find(id);
        assert.deepEqual([row.status, row.attempts, row.provider, row.providerMessageId], ['sent', 2, 'smtp', `<${id}@desk.example>`]);
        assert.ok(messageIds.has(`<${id}@desk.example>`));
        const steps = await desk.services.notifications.listAttempts(id);
        assert.deepEqual(steps.map((s) => [s.status, s.attempt]), [['queued', 0], ['failed', 1], ['sent', 2]]);
      }
      const timeline = (await desk.services.cases.listTimeline(caseId)).map((e) => e.kind).filter((k) => k.startsWith('notification'));
      assert.deepEqual(timeline.sort(), [...Array(2).fill('notification_attempt_failed'), ...Array(2).fill('notification_queued'), ...Array(2).fill('notification_sent')]);

      const first = smtp.received.find((m) => m.messageId === `<${ids[0]}@desk.example>`)!;
      assert.deepEqual([first.from, first.to], ['avisos@desk.example', ['cliente1@example.com']]);
      assert.match(first.data, /^Subject: =\?UTF-8\?B\?/m);
      assert.match(first.data, new RegExp(`^X-Idempotency-Key: ${ids[0]}$`, 'm'));
      const body = first.data.split('\r\n\r\n')[1]!;
      assert.deepEqual(body.split('\r\n'), ['Hola,', '.', '..l=C3=ADnea con puntos', 'Saludos 1'], 'dot-stuffing undone by the server');
    });

    test('a server that dies after DATA is retried; a rejected recipient fails at once; bad credentials are permanent', async () => {
      const before = smtp.received.length;
      smtp.settings.dropAfterData = 1;
      const dropped = await enqueue({});
      const rejected = await enqueue({ recipient: 'reject-me@example.com' });
      const w = worker();
      await w.runOnce();
      assert.deepEqual([(await find(dropped.id)).status, (await find(rejected.id)).status], ['queued', 'failed']);
      assert.match((await find(rejected.id)).lastError ?? '', /RCPT TO: 550/);
      desk.clock.advance(60_000);
      await w.runOnce();
      assert.equal((await find(dropped.id)).status, 'sent');
      assert.deepEqual(smtp.received.slice(before).map((m) => m.messageId), [`<${dropped.id}@desk.example>`]);

      smtp.settings.mechanisms = 'LOGIN';
      const viaLogin = await enqueue({});
      await worker().runOnce();
      smtp.settings.mechanisms = 'PLAIN LOGIN';
      assert.equal((await find(viaLogin.id)).status, 'sent', 'AUTH LOGIN when PLAIN is not offered');

      const denied = await enqueue({});
      await worker({ password: 'wrong' }).runOnce();
      const row = await find(denied.id);
      assert.deepEqual([row.status, row.attempts], ['failed', 1]);
      assert.match(row.lastError ?? '', /AUTH PLAIN: 535/);
    });

    test('a worker that died after the server took the message: the retry carries the same Message-ID', async () => {
      const message = await enqueue({});
      const before = smtp.received.length;
      const now = desk.clock.now();
      const [claimed] = await desk.services.notifications.claimDue(now, new Date(now.getTime() + 30_000), 1);
      assert.equal(claimed?.id, message.id);
      // The dead worker's send reached the server; it never recorded the outcome.
      const adapter = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'avisos@desk.example', ...auth }, { clock: desk.clock });
      await adapter.send({ ...claimed!, deliveryKey: claimed!.id });
      desk.clock.advance(30_000);
      await worker().runOnce();
      const copies = smtp.received.slice(before);
      assert.equal(copies.length, 2);
      assert.equal(new Set(copies.map((m) => m.messageId)).size, 1, 'the receiver can tell it is the same message');
      assert.deepEqual([(await find(message.id)).status, (await find(message.id)).attempts], ['sent', 2]);
    });
  });
}
