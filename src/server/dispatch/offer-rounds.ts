import { randomInt } from 'node:crypto';
import type { TStoredDecision } from '../../shared/api/dispatch.ts';
import { digestSecret, newSecret } from '../auth/secrets.ts';
import { createCaseRepository, type CaseRow } from '../cases/case-repository.ts';
import { enqueueNotification } from '../notifications/enqueue-notification.ts';
import type { Queryable } from '../platform/db/database.ts';
import { createTechnicianRepository } from '../technicians/technician-repository.ts';
import { createTenantRepository, type TenantRow } from '../tenants/tenant-repository.ts';
import { dispatchActor, moveCase } from './case-moves.ts';
import type { TStatusChange } from './dispatch-deps.ts';
import { dispatchTexts, localClockTime } from './dispatch-messages.ts';
import { createDispatchRepository, type DispatchRow } from './dispatch-repository.ts';

/** What a round needs besides the transaction: the instant, where links point, and how long an offer lasts. */
export type TRoundContext = { at: Date; publicUrl: string; offerTimeoutSeconds: number; changes: TStatusChange[] };

async function freeReplyCode(tx: Queryable, technicianId: string): Promise<string> {
  const taken = new Set(await createDispatchRepository(tx).pendingReplyCodes(technicianId));
  for (;;) {
    const code = String(randomInt(1000, 10_000));
    if (!taken.has(code)) return code;
  }
}

async function tenantOf(tx: Queryable, tenantId: string): Promise<TenantRow> {
  return (await createTenantRepository(tx).findTenant(tenantId))!;
}

/** The offer message, by SMS to the technician's mobile and by e-mail when they have one. */
async function sendOffer(tx: Queryable, row: CaseRow, offer: { id: string; technicianId: string; code: string; token: string; expiresAt: Date }, ctx: TRoundContext) {
  const technician = (await createTechnicianRepository(tx).findTechnician(offer.technicianId))!;
  const tenant = await tenantOf(tx, row.tenantId);
  const words = dispatchTexts(tenant.language);
  const city = row.siteId ? await createDispatchRepository(tx).findSiteCity(row.siteId) : undefined;
  const body = words.offer({
    tenant: tenant.name, ref: row.reference, urgent: row.priority === 'urgent', what: row.applianceType ?? row.description.slice(0, 40),
    place: city ?? '', code: offer.code, link: `${ctx.publicUrl}/offer#${offer.token}`, until: localClockTime(offer.expiresAt, tenant.timeZone),
  });
  const base = { tenantId: row.tenantId, caseId: row.id, purpose: 'technician_offer' as const, subject: words.offerSubject(row.reference), body, payload: { offerId: offer.id } };
  await enqueueNotification(tx, { ...base, channel: 'sms', recipient: technician.phone, idempotencyKey: `offer:${offer.id}:sms` }, ctx.at);
  if (technician.email) await enqueueNotification(tx, { ...base, channel: 'email', recipient: technician.email, idempotencyKey: `offer:${offer.id}:email` }, ctx.at);
}

/**
 * Offers the job to the round's next candidate; with nobody left the round escalates. The case
 * row must be locked by the caller.
 */
export async function offerNext(tx: Queryable, row: CaseRow, dispatch: DispatchRow, ctx: TRoundContext): Promise<'offered' | 'escalated'> {
  const repo = createDispatchRepository(tx);
  const technicians = createTechnicianRepository(tx);
  for (let rank = dispatch.nextRank; rank < dispatch.candidateIds.length; rank++) {
    const technicianId = dispatch.candidateIds[rank]!;
    const technician = await technicians.findTechnician(technicianId);
    // Someone made inactive or removed from the tenant since the decision is skipped, on the record.
    if (!technician?.active || !technician.tenantIds.includes(row.tenantId)) continue;
    const token = newSecret('of');
    const code = await freeReplyCode(tx, technicianId);
    const expiresAt = new Date(ctx.at.getTime() + ctx.offerTimeoutSeconds * 1000);
    const offerId = await repo.insertOffer({
      tenantId: row.tenantId, caseId: row.id, dispatchId: dispatch.id, technicianId, rank, tokenHash: digestSecret(token), replyCode: code,
      offeredAt: ctx.at, expiresAt,
    });
    await repo.setDispatch(dispatch.id, { status: 'offering', nextRank: rank + 1 }, ctx.at);
    dispatch.nextRank = rank + 1;
    await createCaseRepository(tx).appendEvent({
      caseId: row.id, tenantId: row.tenantId, at: ctx.at, actor: dispatchActor, kind: 'offer_made',
      data: { dispatchId: dispatch.id, offerId, technicianId, technicianName: technician.name, rank, expiresAt: expiresAt.toISOString() },
    });
    await moveCase(tx, row, 'dispatched', dispatchActor, ctx.at, ctx.changes);
    await sendOffer(tx, row, { id: offerId, technicianId, code, token, expiresAt }, ctx);
    return 'offered';
  }
  await escalate(tx, row, dispatch, ctx, dispatch.candidateIds.length === 0 ? dispatch.decision.summary : 'Every candidate declined or let the offer expire.');
  return 'escalated';
}

/**
 * Nobody is left to take the job: the case goes back to the operators (an alert in the desk)
 * and the tenant's administrators are told by e-mail.
 */
export async function escalate(tx: Queryable, row: CaseRow, dispatch: DispatchRow, ctx: TRoundContext, why: string): Promise<void> {
  await createDispatchRepository(tx).setDispatch(dispatch.id, { status: 'escalated' }, ctx.at);
  dispatch.status = 'escalated';
  await createCaseRepository(tx).appendEvent({
    caseId: row.id, tenantId: row.tenantId, at: ctx.at, actor: dispatchActor, kind: 'dispatch_escalated', data: { dispatchId: dispatch.id, reason: why },
  });
  await moveCase(tx, row, 'new', dispatchActor, ctx.at, ctx.changes);
  const tenant = await tenantOf(tx, row.tenantId);
  const words = dispatchTexts(tenant.language);
  for (const email of await createDispatchRepository(tx).listOwnerEmails(row.tenantId)) {
    await enqueueNotification(tx, {
      tenantId: row.tenantId, caseId: row.id, channel: 'email', purpose: 'staff_alert', recipient: email,
      subject: words.escalatedSubject(row.reference), body: words.escalated(row.reference, why), payload: { dispatchId: dispatch.id },
      idempotencyKey: `dispatch:${dispatch.id}:escalated:${email}`,
    }, ctx.at);
  }
}

/** Starts a round from a decision: the timeline gets the decision, the first candidate an offer. */
export async function startRound(
  tx: Queryable, row: CaseRow,
  round: { decision: TStoredDecision; candidateIds: string[]; mode: DispatchRow['mode']; createdBy: string; waitUntil?: Date },
  ctx: TRoundContext,
): Promise<DispatchRow> {
  const repo = createDispatchRepository(tx);
  const status = round.waitUntil ? 'waiting' : 'offering';
  const id = await repo.insertDispatch({
    tenantId: row.tenantId, caseId: row.id, status, mode: round.mode, candidateIds: round.candidateIds, decision: round.decision,
    retryAt: round.waitUntil ?? null, createdBy: round.createdBy, createdAt: ctx.at,
  });
  await createCaseRepository(tx).appendEvent({
    caseId: row.id, tenantId: row.tenantId, at: ctx.at, actor: dispatchActor, kind: 'dispatch_decided',
    data: { dispatchId: id, mode: round.mode, createdBy: round.createdBy, decision: round.decision, waitUntil: round.waitUntil?.toISOString() ?? null },
  });
  const dispatch = (await repo.findDispatch(id))!;
  if (!round.waitUntil) await offerNext(tx, row, dispatch, ctx);
  return dispatch;
}
