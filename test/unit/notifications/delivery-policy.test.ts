import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffCeiling, backoffDelay } from '../../../src/server/notifications/backoff.ts';
import { closureVerdict, endsWithCase } from '../../../src/server/notifications/closure-guard.ts';
import { ZNotificationConfig } from '../../../src/server/notifications/notification-config.ts';
import { notificationPurposes } from '../../../src/shared/api/notifications.ts';

describe('retry backoff', () => {
  const policy = { baseMs: 30_000, maxMs: 3_600_000 };

  test('the ceiling doubles per attempt and stops at the maximum', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((a) => backoffCeiling(a, policy)),
      [30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
    assert.equal(backoffCeiling(200, policy), 3_600_000);
  });

  test('equal jitter: between half the ceiling and the ceiling, never immediate', () => {
    assert.equal(backoffDelay(1, policy, () => 0), 15_000);
    assert.equal(backoffDelay(1, policy, () => 0.999999), 30_000);
    assert.equal(backoffDelay(3, policy, () => 0.5), 90_000);
    assert.equal(backoffDelay(1, policy, () => 7), 30_000, 'a misbehaving random source is clamped');
    const delays = Array.from({ length: 500 }, () => backoffDelay(4, policy));
    assert.ok(delays.every((d) => d >= 120_000 && d <= 240_000));
    assert.ok(new Set(delays).size > 100, 'a burst of failures is spread out');
  });
});

describe('closure guard', () => {
  test('a closed or cancelled case refuses every purpose that ends with it; integration records go out', () => {
    for (const purpose of notificationPurposes) {
      for (const status of ['new', 'resolved', 'reopened'] as const) assert.equal(closureVerdict(purpose, status), 'allow');
      assert.equal(closureVerdict(purpose, null), 'allow');
      for (const status of ['closed', 'cancelled'] as const) {
        assert.equal(closureVerdict(purpose, status), purpose === 'integration_event' ? 'allow' : 'refuse', `${purpose} on ${status}`);
      }
    }
    assert.ok(endsWithCase('customer_update') && endsWithCase('technician_offer') && !endsWithCase('integration_event'));
  });
});

describe('notification configuration', () => {
  test('empty means the development outbox for every channel, with worker defaults', () => {
    const config = ZNotificationConfig.parse({});
    assert.deepEqual([config.email, config.sms, config.webhook], [undefined, undefined, undefined]);
    assert.equal(config.worker.maxAttempts, 8);
  });

  test('every invalid field is reported, and a lease shorter than a provider timeout is refused', () => {
    const result = ZNotificationConfig.safeParse({
      email: { host: 'smtp.example.com', from: 'not-an-address', user: 'u' },
      webhook: { secret: 'short' },
      sms: { accountSid: 'AC1', authToken: 't', from: '+34600000000', timeoutMs: 90_000 },
      worker: { leaseMs: 60_000 },
    });
    assert.equal(result.success, false);
    const paths = result.error!.issues.map((i) => i.path.join('.'));
    for (const path of ['email.from', 'email.password', 'webhook.secret']) assert.ok(paths.includes(path), `${path} in ${paths}`);
    assert.equal(ZNotificationConfig.safeParse({ sms: { accountSid: 'AC1', authToken: 't', from: '+34600000000', timeoutMs: 90_000 }, worker: { leaseMs: 60_000 } }).success, false);
  });
});
