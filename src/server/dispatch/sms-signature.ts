import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature a Twilio-shaped provider puts in X-Twilio-Signature: HMAC-SHA1 with the account's
 * auth token over the full URL followed by every POST parameter, sorted by name, as name+value.
 */
export function smsWebhookSignature(authToken: string, url: string, params: Readonly<Record<string, string>>): string {
  const data = url + Object.keys(params).sort().map((key) => key + params[key]).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function isValidSmsWebhookSignature(authToken: string, url: string, params: Readonly<Record<string, string>>, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(smsWebhookSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
