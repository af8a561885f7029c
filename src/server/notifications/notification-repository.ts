import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import type {
  TNotification, TNotificationAttempt, TNotificationChannel, TNotificationPurpose, TNotificationStatus,
} from '../../shared/api/notifications.ts';

export interface NotificationRow {
  id: string;
  tenantId: string;
  caseId: string | null;
  caseReference: string | null;
  channel: TNotificationChannel;
  purpose: TNotificationPurpose;
  recipient: string;
  subject: string;
  body: string;
  payload: unknown;
  idempotencyKey: string;
  status: TNotificationStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastError: string | null;
  provider: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

/** A claimed row, with its case's status as of the claim (for the closure guard). */
export interface ClaimedNotification extends NotificationRow {
  caseStatus: TCaseStatus | null;
}

const columns = `n.id, n.tenant_id as "tenantId", n.case_id as "caseId",
  (select reference from cases where id = n.case_id) as "caseReference", n.channel, n.purpose, n.recipient, n.subject,
  n.body, n.payload, n.idempotency_key as "idempotencyKey", n.status, n.attempts, n.next_attempt_at as "nextAttemptAt",
  n.last_error as "lastError", n.provider, n.provider_message_id as "providerMessageId", n.created_at as "createdAt",
  n.updated_at as "updatedAt", n.sent_at as "sentAt"`;

export const toNotification = (row: NotificationRow): TNotification => ({
  ...row,
  payload: row.payload ?? null,
  nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

export interface NewNotification {
  tenantId: string;
  caseId: string | null;
  channel: TNotificationChannel;
  purpose: TNotificationPurpose;
  recipient: string;
  subject: string;
  body: string;
  payload: unknown;
  idempotencyKey: string;
  status: 'queued' | 'refused';
  lastError: string | null;
  at: Date;
}

export interface NotificationFilter {
  scope: readonly string[] | null;
  tenantId?: string;
  caseId?: string;
  status?: TNotificationStatus;
  after?: { createdAt: Date; id: string };
  limit: number;
}

/** How a claimed attempt ended; `attempts` fences out a worker whose lease was taken over. */
export type AttemptOutcome =
  | { status: 'sent'; provider: string; providerMessageId: string | null }
  | { status: 'queued'; error: string; nextAttemptAt: Date }
  | { status: 'failed' | 'refused' | 'cancelled'; error: string };

export function createNotificationRepository(db: Queryable) {
  return {
    /** Inserts unless the tenant already used the key; undefined then, and the caller reads the existing row. */
    insertNotification: async (n: NewNotification) => {
      const inserted = await queryOne<{ id: string }>(
        db,
        `insert into notifications (tenant_id, case_id, channel, purpose, recipient, subject, body, payload, idempotency_key,
           status, last_error, next_attempt_at, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, case when $10 = 'queued' then $12::timestamptz end, $12, $12)
         on conflict (tenant_id, idempotency_key) do nothing returning id`,
        [n.tenantId, n.caseId, n.channel, n.purpose, n.recipient, n.subject, n.body,
          n.payload === undefined ? null : JSON.stringify(n.payload), n.idempotencyKey, n.status, n.lastError, n.at],
      );
      return inserted?.id;
    },

    findNotification: (id: string) => queryOne<NotificationRow>(db, `select ${columns} from notifications n where n.id = $1`, [id]),

    findByProviderMessageId: (provider: string, messageId: string) =>
      queryOne<NotificationRow>(db, `select ${columns} from notifications n where n.provider = $1 and n.provider_message_id = $2`, [provider, messageId]),

    findByKey: (tenantId: string, key: string) =>
      queryOne<NotificationRow>(db, `select ${columns} from notifications n where n.tenant_id = $1 and n.idempotency_key = $2`, [tenantId, key]),

    /** The case's status, share-locked so a closure cannot commit between the guard's check and the insert. */
    lockCaseStatus: async (caseId: string) =>
      queryOne<{ tenantId: string; status: TCaseStatus }>(db, `select tenant_id as "tenantId", status from cases where id = $1 for share`, [caseId]),

    /**
     * Takes up to `limit` due messages for one worker: queued ones whose time has come, and
     * 'sending' ones whose lease ran out (their worker died). SKIP LOCKED lets several workers
     * claim at once without waiting on, or taking, each other's rows.
     */
    claimDue: (now: Date, leaseUntil: Date, limit: number) =>
      db.query<ClaimedNotification>(
        `with due as (
           select id from notifications where status in ('queued', 'sending') and next_attempt_at <= $1
           order by next_attempt_at, id limit $3 for update skip locked)
         update notifications n set status = 'sending', attempts = n.attempts + 1, next_attempt_at = $2, updated_at = $1
         from due where n.id = due.id
         returning ${columns}, (select status from cases where id = n.case_id) as "caseStatus"`,
        [now, leaseUntil, limit],
      ),

    /** Settles a claimed attempt; false when the row is no longer this attempt's to settle. */
    async settleAttempt(id: string, attempt: number, at: Date, outcome: AttemptOutcome): Promise<boolean> {
      const settled = (sql: string, params: unknown[]) => db.query(sql, params).then((rows) => rows.length > 0);
      switch (outcome.status) {
        case 'sent':
          // A success stands even when the lease was taken over meanwhile: the message did go out.
          return settled(
            `update notifications set status = 'sent', sent_at = $2, updated_at = $2, next_attempt_at = null, last_error = null,
               provider = $3, provider_message_id = $4 where id = $1 and status in ('sending', 'queued') returning id`,
            [id, at, outcome.provider, outcome.providerMessageId],
          );
        case 'queued':
          return settled(
            `update notifications set status = 'queued', updated_at = $2, next_attempt_at = $4, last_error = $5
             where id = $1 and status = 'sending' and attempts = $3 returning id`,
            [id, at, attempt, outcome.nextAttemptAt, outcome.error],
          );
        default:
          return settled(
            `update notifications set status = $4, updated_at = $2, next_attempt_at = null, last_error = $5
             where id = $1 and status = 'sending' and attempts = $3 returning id`,
            [id, at, attempt, outcome.status, outcome.error],
          );
      }
    },

    /** Closure: every message still waiting for the case whose purpose ends with it. */
    cancelQueuedForCase: (caseId: string, purposes: readonly TNotificationPurpose[], at: Date, reason: string) =>
      db.query<{ id: string; tenantId: string; channel: TNotificationChannel; purpose: TNotificationPurpose; recipient: string; attempts: number }>(
        `update notifications set status = 'cancelled', next_attempt_at = null, last_error = $4, updated_at = $3
         where case_id = $1 and status = 'queued' and purpose = any($2::text[])
         returning id, tenant_id as "tenantId", channel, purpose, recipient, attempts`,
        [caseId, purposes, at, reason],
      ),

    /** Provider receipts only move a message forward: sent → delivered → acknowledged. */
    recordReceipt: async (id: string, status: 'delivered' | 'acknowledged', at: Date) =>
      (await db.query(
        `update notifications set status = $2, updated_at = $3
         where id = $1 and (status = 'sent' or (status = 'delivered' and $2 = 'acknowledged')) returning id`,
        [id, status, at],
      )).length > 0,

    async insertAttempt(a: { notificationId: string; tenantId: string; at: Date; attempt: number; status: TNotificationAttempt['status']; detail: unknown }) {
      await db.query(
        `insert into notification_attempts (notification_id, tenant_id, at, attempt, status, detail) values ($1, $2, $3, $4, $5, $6::jsonb)`,
        [a.notificationId, a.tenantId, a.at, a.attempt, a.status, JSON.stringify(a.detail ?? null)],
      );
    },

    listAttempts: (notificationId: string) =>
      db.query<Omit<TNotificationAttempt, 'at'> & { at: Date }>(
        `select at, attempt, status, detail from notification_attempts where notification_id = $1 order by id`,
        [notificationId],
      ),

    listNotifications(f: NotificationFilter) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: (p: string) => string, value: unknown) => {
        params.push(value);
        where.push(clause(`$${params.length}`));
      };
      if (f.scope) add((p) => `n.tenant_id = any(${p}::uuid[])`, f.scope);
      if (f.tenantId) add((p) => `n.tenant_id = ${p}`, f.tenantId);
      if (f.caseId) add((p) => `n.case_id = ${p}`, f.caseId);
      if (f.status) add((p) => `n.status = ${p}`, f.status);
      if (f.after) {
        params.push(f.after.createdAt, f.after.id);
        where.push(`(n.created_at, n.id) < ($${params.length - 1}, $${params.length}::uuid)`);
      }
      params.push(f.limit);
      return db.query<NotificationRow>(
        `select ${columns} from notifications n ${where.length ? `where ${where.join(' and ')}` : ''}
         order by n.created_at desc, n.id desc limit $${params.length}`,
        params,
      );
    },
  };
}

export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
