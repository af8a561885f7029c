import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ZId } from '../../shared/common.ts';
import type { Clock } from '../platform/clock.ts';
import { httpDeliveryError, transientError, type NotificationAdapter } from './notification-adapter.ts';

const ZSecret = z.string().min(16, 'use at least 16 characters').max(200);

export const ZWebhookConfig = z
  .object({
    /** The desk's signing secret, used for tenants without their own. */
    secret: ZSecret,
    tenantSecrets: z.record(ZId, ZSecret).default({}),
    timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  })
  .strict();
export type TWebhookConfig = z.output<typeof ZWebhookConfig>;

export const signatureHeader = 'centralita-signature';

/** HMAC-SHA256 over `<unix seconds>.<body>`: the timestamp is signed too, so an old request cannot be replayed as new. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export const webhookSignature = (secret: string, timestamp: number, body: string): string =>
  `t=${timestamp},v1=${signWebhook(secret, timestamp, body)}`;

/** What a receiver does: recompute, compare in constant time, and reject stale timestamps. */
export function verifyWebhookSignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.get('t'));
  const given = Buffer.from(parts.get('v1') ?? '', 'hex');
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Signed outbound webhooks: a JSON POST to the recipient URL. The body is the same on every
 * attempt (its `id` is the delivery key, also in `Idempotency-Key`), so a receiver dedupes on it.
 */
export function createWebhookAdapter(input: z.input<typeof ZWebhookConfig>, deps: { clock: Clock; fetch?: typeof fetch }): NotificationAdapter {
  const config = ZWebhookConfig.parse(input);
  const doFetch = deps.fetch ?? fetch;
  return {
    name: 'webhook',
    async send(message) {
      const body = JSON.stringify({
        id: message.deliveryKey, purpose: message.purpose, tenantId: message.tenantId, caseId: message.caseId,
        subject: message.subject, text: message.body, data: message.payload ?? null, createdAt: message.createdAt.toISOString(),
      });
      const timestamp = Math.floor(deps.clock.now().getTime() / 1000);
      const secret = config.tenantSecrets[message.tenantId] ?? config.secret;
      let response: Response;
      try {
        response = await doFetch(message.recipient, {
          method: 'POST',
          headers: {
            'content-type': 'application/json', 'user-agent': 'Centralita-Webhook/1', 'idempotency-key': message.deliveryKey,
            [signatureHeader]: webhookSignature(secret, timestamp, body),
          },
          body,
          // A redirect would carry the signed body somewhere the tenant did not configure.
          redirect: 'manual',
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        throw transientError('webhook', error);
      }
      if (!response.ok) throw await httpDeliveryError('webhook', response);
      await response.body?.cancel();
      return { providerMessageId: response.headers.get('x-request-id') };
    },
  };
}
