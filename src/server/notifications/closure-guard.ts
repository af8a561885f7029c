import type { TNotificationPurpose } from '../../shared/api/notifications.ts';
import { closedStatuses, type TCaseStatus } from '../../shared/case-lifecycle.ts';

/**
 * For each purpose: may it still go out once its case is closed or cancelled? Only a record for
 * an integration (a webhook announcing the closure itself) may; a customer is never contacted
 * about a closed incident, and an offer or alert about work that no longer exists is noise.
 * A Record, so a new purpose cannot be added without deciding.
 */
const survivesClosure: Readonly<Record<TNotificationPurpose, boolean>> = {
  customer_update: false,
  customer_follow_up: false,
  customer_callback: false,
  technician_offer: false,
  technician_update: false,
  staff_alert: false,
  integration_event: true,
};

export const contactsCustomer = (purpose: TNotificationPurpose): boolean => purpose.startsWith('customer_');

export const endsWithCase = (purpose: TNotificationPurpose): boolean => !survivesClosure[purpose];

/** The guard's verdict for a message about a case in `caseStatus` (null: no case). */
export function closureVerdict(purpose: TNotificationPurpose, caseStatus: TCaseStatus | null): 'allow' | 'refuse' {
  if (caseStatus === null || !closedStatuses.includes(caseStatus)) return 'allow';
  return endsWithCase(purpose) ? 'refuse' : 'allow';
}
