import { endOpenRounds } from '../dispatch/dispatch-case.ts';
import { cancelPendingNotifications } from '../notifications/enqueue-notification.ts';
import type { Queryable } from '../platform/db/database.ts';
import { createCaseRepository, type NewCaseEvent } from './case-repository.ts';
import { createFollowUpRepository } from './follow-up-repository.ts';

/**
 * Closing (or cancelling) a case ends, in the same transaction, everything still due about it:
 * queued messages, dispatch rounds and their pending offers, and callbacks promised to the
 * caller. What was ended goes on the timeline, so the desk can tell why nobody calls.
 */
export async function endFollowUps(tx: Queryable, c: { id: string; tenantId: string }, actor: NewCaseEvent['actor'], at: Date): Promise<void> {
  const messages = await cancelPendingNotifications(tx, c.id, at);
  const dispatch = await endOpenRounds(tx, c.id, at, 'the case was closed');
  const callbacks = await createFollowUpRepository(tx).cancelCallbacks(c.id, at);
  if (messages.length + dispatch.offers + dispatch.rounds + callbacks.length === 0) return;
  await createCaseRepository(tx).appendEvent({
    caseId: c.id, tenantId: c.tenantId, at, actor, kind: 'follow_ups_cancelled',
    data: { messages: messages.length, offers: dispatch.offers, dispatches: dispatch.rounds, callbacks: callbacks.length },
  });
}
