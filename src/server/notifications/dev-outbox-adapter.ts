import type { Logger } from '../platform/logger.ts';
import type { NotificationAdapter } from './notification-adapter.ts';

/**
 * The default when no provider is configured: nothing leaves the machine. The message is
 * settled as sent by `dev-outbox`, and the notifications themselves are the outbox the console
 * lists — exactly what would have been sent, to whom, and when.
 */
export function createDevOutboxAdapter(deps: { log: Logger }): NotificationAdapter {
  return {
    name: 'dev-outbox',
    async send(message) {
      deps.log.info('notification kept in the development outbox (no provider configured)', {
        notificationId: message.id, tenantId: message.tenantId, caseId: message.caseId, channel: message.channel, purpose: message.purpose,
      });
      return { providerMessageId: null };
    },
  };
}
