import type { TNotificationAttempt } from '../../shared/api/notifications.ts';
import { createCaseRepository } from '../cases/case-repository.ts';
import type { Queryable } from '../platform/db/database.ts';
import { createNotificationRepository, type NotificationRow } from './notification-repository.ts';

const actor = { type: 'system', id: null, name: 'notifications' } as const;

export interface HistoryEntry {
  at: Date;
  attempt: number;
  status: TNotificationAttempt['status'];
  detail?: Record<string, unknown>;
  /** The timeline kind when it is not `notification_<status>` (a failure that will be retried). */
  kind?: string;
}

/**
 * Every step of a message's life goes to its attempt log and, when it is about a case, to the
 * case timeline — in the caller's transaction, so neither can disagree with the row.
 */
export async function recordHistory(
  tx: Queryable,
  n: Pick<NotificationRow, 'id' | 'tenantId' | 'caseId' | 'channel' | 'purpose' | 'recipient'>,
  entry: HistoryEntry,
): Promise<void> {
  const detail = entry.detail ?? null;
  await createNotificationRepository(tx).insertAttempt({
    notificationId: n.id, tenantId: n.tenantId, at: entry.at, attempt: entry.attempt, status: entry.status, detail,
  });
  if (!n.caseId) return;
  await createCaseRepository(tx).appendEvent({
    caseId: n.caseId, tenantId: n.tenantId, at: entry.at, actor, kind: entry.kind ?? `notification_${entry.status}`,
    data: { notificationId: n.id, channel: n.channel, purpose: n.purpose, recipient: n.recipient, attempt: entry.attempt, ...detail },
  });
}
