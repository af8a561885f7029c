import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { isValidSmsWebhookSignature, smsWebhookSignature } from '../../../src/server/dispatch/sms-signature.ts';

const url = 'https://desk.example/api/v1/webhooks/sms';
const params = { From: '+34611000002', Body: 'SI 4821', MessageSid: 'SM123', To: '+34900100200' };

test('the signature is HMAC-SHA1 over the URL and the parameters sorted by name, base64', () => {
  const expected = createHmac('sha1', 'secret').update(`${url}Body${params.Body}From${params.From}MessageSid${params.MessageSid}To${params.To}`).digest('base64');
  assert.equal(smsWebhookSignature('secret', url, params), expected);
});

test('a signature checks out only for the same token, URL and parameters', () => {
  const signature = smsWebhookSignature('secret', url, params);
  assert.ok(isValidSmsWebhookSignature('secret', url, params, signature));
  assert.ok(!isValidSmsWebhookSignature('other', url, params, signature));
  assert.ok(!isValidSmsWebhookSignature('secret', `${url}?x=1`, params, signature));
  assert.ok(!isValidSmsWebhookSignature('secret', url, { ...params, Body: 'SI 4822' }, signature));
  assert.ok(!isValidSmsWebhookSignature('secret', url, params, undefined));
  assert.ok(!isValidSmsWebhookSignature('secret', url, params, 'short'));
});
