import { canTransition, type TCaseStatus } from '../../shared/case-lifecycle.ts';
import { createCaseRepository, type CaseRow, type NewCaseEvent } from '../cases/case-repository.ts';
import type { Queryable } from '../platform/db/database.ts';
import type { TStatusChange } from './dispatch-deps.ts';

export const dispatchActor: NewCaseEvent['actor'] = { type: 'system', id: null, name: 'dispatch' };

/** Locks and reads the case, so offers, answers and timeouts of one case apply one at a time. */
export async function lockCase(tx: Queryable, caseId: string): Promise<CaseRow | undefined> {
  await tx.query('select 1 from cases where id = $1 for update', [caseId]);
  return createCaseRepository(tx).findCase(caseId);
}

/**
 * Moves the case along its lifecycle as dispatch work requires, on the timeline like any other
 * move. A move the lifecycle does not allow is skipped, not forced: the case has moved on.
 */
export async function moveCase(
  tx: Queryable, row: CaseRow, to: TCaseStatus, actor: NewCaseEvent['actor'], at: Date, changes: TStatusChange[], data?: unknown,
): Promise<boolean> {
  if (row.status === to || !canTransition(row.status, to)) return false;
  const cases = createCaseRepository(tx);
  await cases.updateCaseFields(row.id, { status: to }, at);
  await cases.appendEvent({ caseId: row.id, tenantId: row.tenantId, at, actor, kind: 'status_changed', before: { status: row.status }, after: { status: to }, data });
  changes.push({ tenantId: row.tenantId, caseId: row.id, reference: row.reference, from: row.status, to });
  row.status = to;
  return true;
}

/** Hands the case to a technician's account (or nobody), as the desk's own assignment does. */
export async function setAssignee(tx: Queryable, row: CaseRow, userId: string | null, actor: NewCaseEvent['actor'], at: Date): Promise<void> {
  if (row.assignedUserId === userId) return;
  const cases = createCaseRepository(tx);
  await cases.updateCaseFields(row.id, { assignedUserId: userId }, at);
  await cases.appendEvent({
    caseId: row.id, tenantId: row.tenantId, at, actor, kind: 'assigned', before: { assignedUserId: row.assignedUserId }, after: { assignedUserId: userId },
  });
  row.assignedUserId = userId;
}
