import { z } from 'zod';
import { ZId } from '../common.ts';

export const notificationChannels = ['email', 'sms', 'webhook'] as const;
export const ZNotificationChannel = z.enum(notificationChannels);
export type TNotificationChannel = z.infer<typeof ZNotificationChannel>;

export const notificationStatuses = ['queued', 'sending', 'sent', 'failed', 'delivered', 'acknowledged', 'cancelled', 'refused'] as const;
export const ZNotificationStatus = z.enum(notificationStatuses);
export type TNotificationStatus = z.infer<typeof ZNotificationStatus>;

/**
 * Why a message goes out. A closed list, because the closure guard must know for every purpose
 * whether it may still go out once its case is closed (see closure-guard.ts).
 */
export const notificationPurposes = [
  'customer_update',
  'customer_follow_up',
  'customer_callback',
  'technician_offer',
  'technician_update',
  'staff_alert',
  'integration_event',
] as const;
export const ZNotificationPurpose = z.enum(notificationPurposes);
export type TNotificationPurpose = z.infer<typeof ZNotificationPurpose>;

export const ZNotification = z.object({
  id: ZId,
  tenantId: ZId,
  caseId: ZId.nullable(),
  caseReference: z.string().nullable(),
  channel: ZNotificationChannel,
  purpose: ZNotificationPurpose,
  recipient: z.string(),
  subject: z.string(),
  body: z.string(),
  payload: z.unknown().nullable(),
  idempotencyKey: z.string(),
  status: ZNotificationStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Which adapter handled it: `dev-outbox` means it was only kept here, never sent. */
  provider: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sentAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const notificationAttemptStatuses = ['queued', 'sent', 'failed', 'delivered', 'acknowledged', 'cancelled', 'refused'] as const;
export const ZNotificationAttempt = z.object({
  at: z.string(),
  attempt: z.number().int(),
  status: z.enum(notificationAttemptStatuses),
  detail: z.unknown().nullable(),
});
export type TNotificationAttempt = z.infer<typeof ZNotificationAttempt>;

export const ZNotificationDetail = ZNotification.extend({ history: z.array(ZNotificationAttempt) });

export const ZNotificationQuery = z.object({
  tenant: ZId.optional(),
  case: ZId.optional(),
  status: ZNotificationStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const ZNotificationPage = z.object({ items: z.array(ZNotification), nextCursor: z.string().nullable() });
