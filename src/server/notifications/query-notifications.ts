import { ZNotificationQuery, type TNotificationAttempt } from '../../shared/api/notifications.ts';
import { requireTenant, tenantScope, type Principal } from '../auth/principal.ts';
import type { CaseRepository } from '../cases/case-repository.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { decodeCursor, encodeCursor } from '../platform/keyset-cursor.ts';
import { isUuid, parseInput } from '../platform/validation.ts';
import { toNotification, type NotificationRepository } from './notification-repository.ts';

export interface NotificationQueryDeps {
  notifications: NotificationRepository;
  cases: CaseRepository;
}

/**
 * The outbox is the desk's view of what was (or would have been) sent: technicians, who only
 * see their own jobs, do not read it. Kept here until the shared permission table has a
 * notifications action.
 */
const outboxReaders: readonly Principal['role'][] = ['admin', 'manager', 'operator'];

function requireOutboxReader(actor: Principal): void {
  if (!outboxReaders.includes(actor.role)) throw new AppError('forbidden', `your role (${actor.role}) may not read notifications`);
}

export async function listNotifications(deps: NotificationQueryDeps, actor: Principal, input: unknown) {
  const query = parseInput(ZNotificationQuery, input, 'query');
  requireOutboxReader(actor);
  if (query.tenant) requireTenant(actor, query.tenant);
  if (query.case) {
    const found = await deps.cases.findCase(query.case);
    if (!found) throw notFound('case');
    requireTenant(actor, found.tenantId, 'case');
  }
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await deps.notifications.listNotifications({
    scope: tenantScope(actor), tenantId: query.tenant, caseId: query.case, status: query.status,
    after: after ? { createdAt: after.at, id: after.id } : undefined, limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(toNotification), nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** One message with every step of its life (queued, each attempt, receipts). */
export async function getNotification(deps: NotificationQueryDeps, actor: Principal, id: string) {
  requireOutboxReader(actor);
  const row = isUuid(id) ? await deps.notifications.findNotification(id) : undefined;
  if (!row) throw notFound('notification');
  requireTenant(actor, row.tenantId, 'notification');
  const history: TNotificationAttempt[] = (await deps.notifications.listAttempts(id)).map((a) => ({ ...a, at: a.at.toISOString() }));
  return { ...toNotification(row), history };
}
