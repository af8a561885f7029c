import type { TNotificationChannel, TNotificationPurpose } from '../../shared/api/notifications.ts';

/** What an adapter is handed: the stored message, plus the key the provider dedupes on. */
export interface OutgoingNotification {
  id: string;
  tenantId: string;
  caseId: string | null;
  channel: TNotificationChannel;
  purpose: TNotificationPurpose;
  recipient: string;
  subject: string;
  body: string;
  payload: unknown;
  createdAt: Date;
  /**
   * The same on every attempt of one message and different for every other message of any
   * tenant (the notification's id): SMTP Message-ID, `Idempotency-Key` header, webhook id.
   */
  deliveryKey: string;
}

export interface DeliveryReceipt {
  providerMessageId: string | null;
}

export interface NotificationAdapter {
  /** Recorded on the row, so the console tells "sent by SMTP" from "kept in the development outbox". */
  readonly name: string;
  send(message: OutgoingNotification): Promise<DeliveryReceipt>;
}

export type NotificationAdapters = Readonly<Record<TNotificationChannel, NotificationAdapter>>;

/**
 * A failed delivery. `permanent` failures (a rejected address, a refused request) are not retried;
 * anything else (network down, timeouts, 4xx SMTP replies, 5xx HTTP answers) is, with backoff.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** HTTP providers: only answers that a retry can change are transient. */
export async function httpDeliveryError(what: string, response: Response): Promise<DeliveryError> {
  const text = (await response.text().catch(() => '')).slice(0, 300);
  const transient = response.status >= 500 || [408, 425, 429].includes(response.status);
  return new DeliveryError(`${what} answered ${response.status}${text ? `: ${text}` : ''}`, !transient);
}

/** Network failures (refused, reset, timed out) are always worth another try. */
export function transientError(what: string, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const reason = error instanceof Error ? `${error.name === 'TimeoutError' ? 'timed out' : error.message}` : String(error);
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  return new DeliveryError(`${what}: ${reason}${code ? ` (${code})` : ''}`, false);
}
