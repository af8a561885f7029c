import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createManualClock } from '../../../src/server/platform/clock.ts';
import { DeliveryError, type OutgoingNotification } from '../../../src/server/notifications/notification-adapter.ts';
import { createSmsHttpAdapter } from '../../../src/server/notifications/sms-http-adapter.ts';
import {
  createWebhookAdapter, signatureHeader, signWebhook, verifyWebhookSignature, webhookSignature,
} from '../../../src/server/notifications/webhook-adapter.ts';

const message = (over: Partial<OutgoingNotification> = {}): OutgoingNotification => ({
  id: '11111111-1111-4111-8111-111111111111', tenantId: '22222222-2222-4222-8222-222222222222', caseId: null, channel: 'sms',
  purpose: 'customer_update', recipient: '+34612000111', subject: '', body: 'Su técnico llega a las 10:00 & pronto',
  payload: { reference: '12345678' }, createdAt: new Date('2026-11-23T10:00:00Z'), deliveryKey: '11111111-1111-4111-8111-111111111111', ...over,
});

function recordingFetch(answer: () => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fake = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    return answer();
  }) as typeof fetch;
  return { calls, fake };
}

describe('SMS over a Twilio-shaped HTTP API', () => {
  const config = { baseUrl: 'http://sms.test/', accountSid: 'AC123', authToken: 'tok-secret', from: '+34900100200' };

  test('form POST to the account Messages resource with basic auth and the idempotency key', async () => {
    const { calls, fake } = recordingFetch(() => Response.json({ sid: 'SM42' }, { status: 201 }));
    const receipt = await createSmsHttpAdapter(config, { fetch: fake }).send(message());
    assert.equal(receipt.providerMessageId, 'SM42');
    assert.equal(calls[0]!.url, 'http://sms.test/2010-04-01/Accounts/AC123/Messages.json');
    const headers = calls[0]!.init.headers as Record<string, string>;
    assert.equal(headers.authorization, `Basic ${Buffer.from('AC123:tok-secret').toString('base64')}`);
    assert.equal(headers['idempotency-key'], message().deliveryKey);
    assert.equal(headers['content-type'], 'application/x-www-form-urlencoded');
    const form = new URLSearchParams(String(calls[0]!.init.body));
    assert.deepEqual([form.get('To'), form.get('From'), form.get('Body')], ['+34612000111', '+34900100200', message().body]);
  });

  test('a refused request is permanent; throttling and server errors are retried', async () => {
    for (const [status, permanent] of [[400, true], [401, true], [429, false], [503, false]] as const) {
      const { fake } = recordingFetch(() => new Response('{"message":"nope"}', { status }));
      const error = await createSmsHttpAdapter(config, { fetch: fake }).send(message()).catch((e: unknown) => e);
      assert.ok(error instanceof DeliveryError, String(error));
      assert.equal(error.permanent, permanent, `status ${status}`);
    }
    const down = (async () => { throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }); }) as typeof fetch;
    const error = await createSmsHttpAdapter(config, { fetch: down }).send(message()).catch((e: unknown) => e);
    assert.ok(error instanceof DeliveryError && !error.permanent && /ECONNREFUSED/.test(error.message));
  });
});

describe('signed webhooks', () => {
  test('HMAC-SHA256 of "timestamp.body", known answer', () => {
    // Computed independently: printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec-0123456789abcdef'
    assert.equal(signWebhook('whsec-0123456789abcdef', 1700000000, '{"a":1}'), 'd77c78ac4da074c56908b55eac30358b2a7bfc573be4c76819af5102e8dcf939');
    assert.equal(webhookSignature('whsec-0123456789abcdef', 1700000000, '{"a":1}'), 't=1700000000,v1=d77c78ac4da074c56908b55eac30358b2a7bfc573be4c76819af5102e8dcf939');
  });

  test('a receiver verifies the signature, and rejects a changed body, a wrong secret or a stale timestamp', () => {
    const secret = 'whsec-0123456789abcdef';
    const header = webhookSignature(secret, 1700000000, '{"a":1}');
    assert.ok(verifyWebhookSignature(secret, header, '{"a":1}', 1700000100));
    assert.ok(!verifyWebhookSignature(secret, header, '{"a":2}', 1700000100));
    assert.ok(!verifyWebhookSignature('whsec-another-secret-00', header, '{"a":1}', 1700000100));
    assert.ok(!verifyWebhookSignature(secret, header, '{"a":1}', 1700000000 + 301));
    assert.ok(!verifyWebhookSignature(secret, 't=1700000000,v1=zz', '{"a":1}', 1700000000));
  });

  test('the adapter posts a stable body signed with the tenant secret, or the desk secret', async () => {
    const clock = createManualClock(new Date('2026-11-23T10:00:00Z'));
    const tenantSecret = 'tenant-secret-0123456789';
    const { calls, fake } = recordingFetch(() => new Response(null, { status: 204 }));
    const adapter = createWebhookAdapter(
      { secret: 'desk-secret-0123456789', tenantSecrets: { [message().tenantId]: tenantSecret } }, { clock, fetch: fake },
    );
    await adapter.send(message({ channel: 'webhook', recipient: 'https://hooks.example/x', purpose: 'integration_event' }));
    clock.advance(60_000);
    await adapter.send(message({ channel: 'webhook', recipient: 'https://hooks.example/x', purpose: 'integration_event' }));
    await adapter.send(message({ channel: 'webhook', recipient: 'https://hooks.example/x', tenantId: '33333333-3333-4333-8333-333333333333' }));
    const [first, retry, other] = calls;
    assert.equal(first!.init.body, retry!.init.body, 'a retry sends the same body');
    const headers = (i: RequestInit) => i.headers as Record<string, string>;
    assert.equal(headers(first!.init)['idempotency-key'], message().deliveryKey);
    const nowSeconds = Math.floor(clock.now().getTime() / 1000);
    assert.ok(verifyWebhookSignature(tenantSecret, headers(retry!.init)[signatureHeader]!, String(retry!.init.body), nowSeconds));
    assert.ok(verifyWebhookSignature('desk-secret-0123456789', headers(other!.init)[signatureHeader]!, String(other!.init.body), nowSeconds));
    assert.equal(JSON.parse(String(first!.init.body)).data.reference, '12345678');
    assert.equal(first!.init.redirect, 'manual');
  });
});
