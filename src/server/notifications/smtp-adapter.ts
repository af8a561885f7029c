import { z } from 'zod';
import { ZEmail } from '../../shared/common.ts';
import type { Clock } from '../platform/clock.ts';
import { DeliveryError, type NotificationAdapter } from './notification-adapter.ts';
import { sendMail } from './smtp-client.ts';
import { formatMessage } from './smtp-message.ts';

const hostname = z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:[\]-]+$/, 'expected a host name or address');

export const ZSmtpConfig = z
  .object({
    host: hostname,
    port: z.number().int().min(1).max(65535).default(587),
    tls: z.enum(['none', 'starttls', 'implicit']).default('starttls'),
    from: ZEmail,
    fromName: z.string().trim().max(100).optional(),
    user: z.string().min(1).max(200).optional(),
    password: z.string().max(200).optional(),
    heloName: hostname.default('centralita.localdomain'),
    /** The right-hand side of Message-IDs; the sender's domain when not set. */
    messageIdDomain: hostname.optional(),
    ca: z.string().optional(),
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  })
  .strict()
  .refine((c) => (c.user === undefined) === (c.password === undefined), { path: ['password'], message: 'user and password go together' });
export type TSmtpConfig = z.output<typeof ZSmtpConfig>;

/**
 * E-mail over SMTP. The Message-ID is built from the delivery key, so every attempt of one
 * message carries the same Message-ID (and X-Idempotency-Key): if a worker dies after the
 * server took the message, the retry is recognisably the same message, not a new one.
 */
export function createSmtpAdapter(input: z.input<typeof ZSmtpConfig>, deps: { clock: Clock }): NotificationAdapter {
  const config = ZSmtpConfig.parse(input);
  const domain = config.messageIdDomain ?? config.from.split('@')[1]!;
  return {
    name: 'smtp',
    async send(message) {
      const messageId = `${message.deliveryKey}@${domain}`;
      let formatted: string;
      try {
        formatted = formatMessage({
          from: config.from, fromName: config.fromName, to: message.recipient, subject: message.subject, text: message.body,
          messageId, date: deps.clock.now(), idempotencyKey: message.deliveryKey,
        });
      } catch (error) {
        throw new DeliveryError(`cannot write this e-mail: ${(error as Error).message}`, true);
      }
      await sendMail(config, { from: config.from, to: message.recipient, message: formatted });
      return { providerMessageId: `<${messageId}>` };
    },
  };
}
