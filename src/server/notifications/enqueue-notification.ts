import { z } from 'zod';
import { notificationPurposes, ZNotificationChannel, ZNotificationPurpose, type TNotificationPurpose } from '../../shared/api/notifications.ts';
import { ZEmail, ZId } from '../../shared/common.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import type { Queryable } from '../platform/db/database.ts';
import { invalidField } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { closureVerdict, contactsCustomer, endsWithCase } from './closure-guard.ts';
import { recordHistory } from './notification-history.ts';
import { createNotificationRepository, type NotificationRow } from './notification-repository.ts';

const e164 = /^\+[1-9][0-9]{6,14}$/;

function recipientProblem(channel: z.infer<typeof ZNotificationChannel>, recipient: string): string | undefined {
  if (channel === 'email') return ZEmail.safeParse(recipient).success ? undefined : 'not an e-mail address';
  if (channel === 'sms') return e164.test(recipient) ? undefined : 'not a phone number in E.164 form (+34612345678)';
  try {
    return ['https:', 'http:'].includes(new URL(recipient).protocol) ? undefined : 'not an http(s) URL';
  } catch {
    return 'not a URL';
  }
}

export const ZNewNotification = z
  .object({
    tenantId: ZId,
    caseId: ZId.nullable().default(null),
    channel: ZNotificationChannel,
    purpose: ZNotificationPurpose,
    recipient: z.string().trim().min(1).max(2048),
    // A subject becomes a mail header: a line break in it would let the text forge headers.
    subject: z.string().max(300).regex(/^[^\r\n]*$/, 'must be one line').default(''),
    body: z.string().max(100_000).default(''),
    payload: z.record(z.string(), z.unknown()).optional(),
    /** The caller's name for this message (e.g. `case:<id>:status:resolved`); a second enqueue with it is a no-op. */
    idempotencyKey: z.string().trim().min(1).max(200),
  })
  .strict()
  .superRefine((n, ctx) => {
    const problem = recipientProblem(n.channel, n.recipient);
    if (problem) ctx.addIssue({ code: 'custom', path: ['recipient'], message: problem });
  });
export type TNewNotification = z.input<typeof ZNewNotification>;

function refusalReason(purpose: TNotificationPurpose, status: TCaseStatus | null): string {
  return contactsCustomer(purpose)
    ? `the case is ${status}: the customer is not contacted again about it`
    : `the case is ${status}: a ${purpose} about it no longer applies`;
}

/**
 * Writes a message to the outbox in the caller's transaction, so it exists if and only if the
 * change that caused it commits. The closure guard refuses (and records the refusal of) a
 * message about a closed or cancelled case instead of queueing it.
 */
export async function enqueueNotification(tx: Queryable, input: TNewNotification, at: Date): Promise<NotificationRow> {
  const n = parseInput(ZNewNotification, input, 'notification');
  const repo = createNotificationRepository(tx);
  const existing = await repo.findByKey(n.tenantId, n.idempotencyKey);
  if (existing) return existing;
  let caseStatus: TCaseStatus | null = null;
  if (n.caseId) {
    const owner = await repo.lockCaseStatus(n.caseId);
    if (!owner || owner.tenantId !== n.tenantId) throw invalidField('caseId', 'not a case of this tenant');
    caseStatus = owner.status;
  }
  const refused = closureVerdict(n.purpose, caseStatus) === 'refuse';
  const reason = refused ? refusalReason(n.purpose, caseStatus) : null;
  const id = await repo.insertNotification({
    tenantId: n.tenantId, caseId: n.caseId, channel: n.channel, purpose: n.purpose, recipient: n.recipient, subject: n.subject,
    body: n.body, payload: n.payload, idempotencyKey: n.idempotencyKey, status: refused ? 'refused' : 'queued', lastError: reason, at,
  });
  // Another transaction committed the same key first: theirs is the message.
  if (!id) return (await repo.findByKey(n.tenantId, n.idempotencyKey))!;
  const row = (await repo.findNotification(id))!;
  await recordHistory(tx, row, { at, attempt: 0, status: refused ? 'refused' : 'queued', detail: reason ? { reason } : undefined });
  return row;
}

/**
 * For closure, in the closing transaction: every message still waiting about the case is
 * cancelled (and logged), except records for integrations, which announce the closure itself.
 */
export async function cancelPendingNotifications(tx: Queryable, caseId: string, at: Date, reason = 'the case was closed'): Promise<string[]> {
  const cancelled = await createNotificationRepository(tx).cancelQueuedForCase(caseId, notificationPurposes.filter(endsWithCase), at, reason);
  for (const n of cancelled) {
    await recordHistory(tx, { ...n, caseId }, { at, attempt: n.attempts, status: 'cancelled', detail: { reason } });
  }
  return cancelled.map((n) => n.id);
}
