import { z } from 'zod';
import { httpDeliveryError, transientError, type NotificationAdapter } from './notification-adapter.ts';

export const ZSmsHttpConfig = z
  .object({
    /** The provider's API root; Twilio's by default, any service speaking the same API otherwise. */
    baseUrl: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
    accountSid: z.string().regex(/^[A-Za-z0-9]{2,64}$/, 'expected the account SID'),
    authToken: z.string().min(1).max(200),
    /** The sending number (E.164) or an alphanumeric sender where the country allows it. */
    from: z.string().regex(/^(\+[1-9][0-9]{6,14}|[A-Za-z0-9 ]{1,11})$/, 'expected +E.164 or an alphanumeric sender ID'),
    timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
  })
  .strict();
export type TSmsHttpConfig = z.output<typeof ZSmsHttpConfig>;

/**
 * SMS through a Twilio-shaped HTTP API: a form POST to the account's Messages resource with
 * basic auth. `Idempotency-Key` carries the delivery key, so a provider that honours it sends a
 * retried message once.
 */
export function createSmsHttpAdapter(input: z.input<typeof ZSmsHttpConfig>, deps: { fetch?: typeof fetch } = {}): NotificationAdapter {
  const config = ZSmsHttpConfig.parse(input);
  const doFetch = deps.fetch ?? fetch;
  const url = `${config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${config.accountSid}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  return {
    name: 'sms-http',
    async send(message) {
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'idempotency-key': message.deliveryKey },
          body: new URLSearchParams({ To: message.recipient, From: config.from, Body: message.body }).toString(),
          redirect: 'manual',
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        throw transientError('SMS provider', error);
      }
      if (!response.ok) throw await httpDeliveryError('SMS provider', response);
      const answer = (await response.json().catch(() => ({}))) as { sid?: unknown };
      return { providerMessageId: typeof answer.sid === 'string' ? answer.sid : null };
    },
  };
}
