import { z } from 'zod';
import type { Clock } from '../platform/clock.ts';
import type { Logger } from '../platform/logger.ts';
import { defaultBackoff } from './backoff.ts';
import { createDevOutboxAdapter } from './dev-outbox-adapter.ts';
import type { NotificationAdapters } from './notification-adapter.ts';
import { workerDefaults } from './notification-worker.ts';
import { createSmsHttpAdapter, ZSmsHttpConfig } from './sms-http-adapter.ts';
import { createSmtpAdapter, ZSmtpConfig } from './smtp-adapter.ts';
import { createWebhookAdapter, ZWebhookConfig } from './webhook-adapter.ts';

export const ZNotificationWorkerConfig = z
  .object({
    pollMs: z.number().int().min(10).max(600_000).default(workerDefaults.pollMs),
    batchSize: z.number().int().min(1).max(500).default(workerDefaults.batchSize),
    leaseMs: z.number().int().min(1_000).max(3_600_000).default(workerDefaults.leaseMs),
    maxAttempts: z.number().int().min(1).max(50).default(workerDefaults.maxAttempts),
    backoff: z
      .object({ baseMs: z.number().int().min(1).default(defaultBackoff.baseMs), maxMs: z.number().int().min(1).default(defaultBackoff.maxMs) })
      .strict()
      .default(defaultBackoff),
  })
  .strict();

/** A channel without a provider goes to the development outbox: nothing is sent by accident. */
export const ZNotificationConfig = z
  .object({
    email: ZSmtpConfig.optional(),
    sms: ZSmsHttpConfig.optional(),
    webhook: ZWebhookConfig.optional(),
    worker: ZNotificationWorkerConfig.default(ZNotificationWorkerConfig.parse({})),
  })
  .strict()
  .superRefine((c, ctx) => {
    // A lease shorter than a provider's timeout would let a second worker send while the first still waits.
    for (const channel of ['email', 'sms', 'webhook'] as const) {
      const timeout = c[channel]?.timeoutMs;
      if (timeout !== undefined && timeout >= c.worker.leaseMs) {
        ctx.addIssue({ code: 'custom', path: ['worker', 'leaseMs'], message: `must exceed ${channel}.timeoutMs (${timeout})` });
      }
    }
  });
export type TNotificationConfig = z.output<typeof ZNotificationConfig>;

export function createNotificationAdapters(config: TNotificationConfig, deps: { clock: Clock; log: Logger; fetch?: typeof fetch }): NotificationAdapters {
  const outbox = createDevOutboxAdapter(deps);
  return {
    email: config.email ? createSmtpAdapter(config.email, deps) : outbox,
    sms: config.sms ? createSmsHttpAdapter(config.sms, deps) : outbox,
    webhook: config.webhook ? createWebhookAdapter(config.webhook, deps) : outbox,
  };
}
