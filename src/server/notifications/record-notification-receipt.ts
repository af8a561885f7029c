import type { Clock } from '../platform/clock.ts';
import type { Database } from '../platform/db/database.ts';
import { recordHistory } from './notification-history.ts';
import { createNotificationRepository } from './notification-repository.ts';

/**
 * A provider's delivery report, or the recipient's acknowledgement (a technician opening the
 * offer link), moves a sent message forward and lands on its history and case timeline.
 * Returns false when the message is unknown or not in a state the receipt can follow.
 */
export async function recordNotificationReceipt(
  deps: { db: Database; clock: Clock },
  notificationId: string,
  status: 'delivered' | 'acknowledged',
  detail: Record<string, unknown> = {},
): Promise<boolean> {
  const at = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const repo = createNotificationRepository(tx);
    const row = await repo.findNotification(notificationId);
    if (!row || !(await repo.recordReceipt(notificationId, status, at))) return false;
    await recordHistory(tx, row, { at, attempt: row.attempts, status, detail });
    return true;
  });
}
