import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDesk, type TestDesk } from '../../support/test-desk.ts';
import { testDatabaseKinds } from '../../support/test-database.ts';
import { createDevOutboxAdapter } from '../../../src/server/notifications/dev-outbox-adapter.ts';
import { createNotificationWorker } from '../../../src/server/notifications/notification-worker.ts';
import { createSmtpAdapter } from '../../../src/server/notifications/smtp-adapter.ts';
import { createDispatchWorker } from '../../../src/server/dispatch/dispatch-worker.ts';
import { createLogger } from '../../../src/server/platform/logger.ts';
import { createSmtpServer } from '../../unit/notifications/smtp-test-server.ts';
import { demoIds, kindsOf, openOrder, type DemoIds } from './dispatch-fixture.ts';

for (const kind of testDatabaseKinds()) {
  describe(`dispatch e-mails through a real SMTP server that goes down and comes back, on ${kind}`, () => {
    let desk: TestDesk;
    let ids: DemoIds;
    const auth = { user: 'desk', password: 'smtp-secret-2' };
    const smtp = createSmtpServer({ ...auth, mechanisms: 'PLAIN LOGIN' });
    const log = createLogger('silent');

    before(async () => {
      desk = await createTestDesk(kind, { demo: true, start: new Date('2026-11-23T10:00:00Z') });
      ids = await demoIds(desk);
      await smtp.start();
    });
    after(async () => {
      await smtp.stop();
      await desk.close();
    });

    const worker = () => {
      const email = createSmtpAdapter({ host: '127.0.0.1', port: smtp.port, tls: 'none', from: 'avisos@desk.example', ...auth, timeoutMs: 2_000 }, { clock: desk.clock });
      const outbox = createDevOutboxAdapter({ log });
      return createNotificationWorker({
        db: desk.services.db, clock: desk.clock, log, adapters: { email, sms: outbox, webhook: outbox },
        backoff: { baseMs: 60_000, maxMs: 600_000 }, maxAttempts: 6, leaseMs: 30_000, batchSize: 50,
      });
    };

    test('offers, their expiry and the escalation to the owner: every e-mail is delivered once the server is back, none twice', async () => {
      await smtp.stop();
      const operator = await desk.signIn('operator@demo.local');
      const order = await openOrder(desk, ids, 'Ana García López', { appliance: 'boiler', underWarranty: false, urgency: 'normal' });
      assert.equal((await operator.post(`/api/v1/cases/${order.id}/dispatch`, {})).status, 200);
      const notifications = worker();
      const dispatch = createDispatchWorker(desk.services);

      // While the server is down the round runs its course: two offers expire, the owner is alerted.
      for (let i = 0; i < 2; i++) {
        const down = await notifications.runOnce();
        assert.ok(down.retried >= 1, 'the e-mails wait for the server');
        desk.clock.advance(301_000);
        assert.equal((await dispatch.runOnce()).expired, 1);
      }
      await notifications.runOnce();
      const emails = () => desk.services.db.query<{ id: string; purpose: string; recipient: string; status: string; attempts: number }>(
        `select id, purpose, recipient, status, attempts from notifications where case_id = $1 and channel = 'email' order by created_at, recipient`, [order.id]);
      const waiting = await emails();
      assert.deepEqual(waiting.map((n) => [n.purpose, n.recipient, n.status]), [
        ['technician_offer', 'tech2@demo.local', 'queued'], ['technician_offer', 'tech5@demo.local', 'queued'], ['staff_alert', 'admin@demo.local', 'queued'],
      ]);
      assert.ok(waiting.every((n) => n.attempts >= 1), 'each was tried and failed');
      assert.equal(smtp.received.length, 0);

      await smtp.start();
      desk.clock.advance(600_000);
      await notifications.runOnce();
      desk.clock.advance(3_600_000);
      await notifications.runOnce();
      const delivered = await emails();
      assert.deepEqual(delivered.map((n) => n.status), ['sent', 'sent', 'sent']);
      assert.equal(smtp.received.length, 3);
      assert.equal(new Set(smtp.received.map((m) => m.messageId)).size, 3, 'none sent twice');
      assert.deepEqual(smtp.received.map((m) => m.to[0]).sort(), ['admin@demo.local', 'tech2@demo.local', 'tech5@demo.local']);
      const kinds = await kindsOf(desk, order.id);
      assert.ok(kinds.includes('notification_attempt_failed') && kinds.includes('notification_sent'), 'every attempt is on the timeline');
    });
  });
}
