import type { Queryable } from '../platform/db/database.ts';

/** What closing a case ends outside its own row: callbacks promised to the caller about it. */
export function createFollowUpRepository(db: Queryable) {
  return {
    /** A callback still waiting (or being dialled) about the case will not be made. */
    cancelCallbacks: async (caseId: string, at: Date) =>
      (await db.query<{ id: string }>(
        `update queue_calls set status = 'callback_failed', end_reason = 'case_closed', ended_at = $2
         where case_id = $1 and status in ('callback_waiting', 'callback_dialling') returning id`,
        [caseId, at],
      )).map((r) => r.id),
  };
}
