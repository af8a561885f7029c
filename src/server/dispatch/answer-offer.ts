import { createCaseRepository } from '../cases/case-repository.ts';
import { recordHistory } from '../notifications/notification-history.ts';
import { createNotificationRepository } from '../notifications/notification-repository.ts';
import type { Queryable } from '../platform/db/database.ts';
import { notifyCustomer } from '../status-links/notify-customer.ts';
import { createTechnicianRepository } from '../technicians/technician-repository.ts';
import { createTenantRepository } from '../tenants/tenant-repository.ts';
import { dispatchActor, lockCase, moveCase, setAssignee } from './case-moves.ts';
import { createDispatchRepository } from './dispatch-repository.ts';
import { offerNext, type TRoundContext } from './offer-rounds.ts';
import { policyInForce } from './plan-dispatch.ts';
import { createProtocolRepository } from '../protocols/protocol-repository.ts';
import type { DispatchDeps } from './dispatch-deps.ts';

export type TOfferAnswer = 'accept' | 'decline' | 'expire';
export type TOfferVia = 'link' | 'sms' | 'app' | 'timeout';
/** `gone`: the offer was answered, expired or withdrawn before this answer arrived. */
export type TAnswerOutcome = { outcome: 'accepted' | 'declined' | 'expired' | 'gone'; caseId: string; reference: string };

/** The offer messages were read: their delivery history moves to acknowledged. */
async function acknowledgeOfferMessages(tx: Queryable, tenantId: string, offerId: string, at: Date) {
  const repo = createNotificationRepository(tx);
  for (const channel of ['sms', 'email']) {
    const n = await repo.findByKey(tenantId, `offer:${offerId}:${channel}`);
    if (n && (await repo.recordReceipt(n.id, 'acknowledged', at))) await recordHistory(tx, n, { at, attempt: n.attempts, status: 'acknowledged', detail: { offerId } });
  }
}

/**
 * Applies an answer to an offer inside the caller's transaction: acceptance hands the case to
 * the technician and tells the customer; a decline or a timeout passes the job to the next
 * candidate. The case is locked first, as every dispatch write does, so answers and timeouts of
 * one case never interleave.
 */
export async function applyOfferAnswer(
  tx: Queryable, deps: Pick<DispatchDeps, 'publicUrl'>, offerId: string, answer: TOfferAnswer, via: TOfferVia, ctx: Omit<TRoundContext, 'offerTimeoutSeconds'>,
): Promise<TAnswerOutcome> {
  const repo = createDispatchRepository(tx);
  const peek = await repo.findOffer(offerId);
  if (!peek) throw new Error(`offer ${offerId} does not exist`);
  const row = (await lockCase(tx, peek.caseId))!;
  const offer = (await repo.findOffer(offerId, true))!;
  const result = (outcome: TAnswerOutcome['outcome']): TAnswerOutcome => ({ outcome, caseId: row.id, reference: row.reference });
  if (offer.status !== 'pending') return result('gone');
  const late = answer !== 'expire' && offer.expiresAt.getTime() <= ctx.at.getTime();
  const status = late || answer === 'expire' ? 'expired' : answer === 'accept' ? 'accepted' : 'declined';
  await repo.answerOffer(offer.id, status, late ? 'timeout' : via, ctx.at);
  const dispatch = (await repo.findDispatch(offer.dispatchId, true))!;
  const cases = createCaseRepository(tx);
  await cases.appendEvent({
    caseId: row.id, tenantId: row.tenantId, at: ctx.at, actor: dispatchActor, kind: `offer_${status}`,
    data: { dispatchId: dispatch.id, offerId: offer.id, technicianId: offer.technicianId, technicianName: offer.technicianName, via: late ? 'timeout' : via },
  });
  if (via !== 'timeout' && !late) await acknowledgeOfferMessages(tx, row.tenantId, offer.id, ctx.at);

  if (status !== 'accepted') {
    // Read in this transaction: on PGlite's single connection a read beside it would wait for it.
    const policy = await policyInForce({ protocols: createProtocolRepository(tx) }, row.tenantId);
    await offerNext(tx, row, dispatch, { ...ctx, offerTimeoutSeconds: policy.offerTimeoutSeconds });
    return result(status);
  }
  await repo.setDispatch(dispatch.id, { status: 'accepted' }, ctx.at);
  const technicians = createTechnicianRepository(tx);
  const technician = (await technicians.findTechnician(offer.technicianId))!;
  await technicians.markAssigned(technician.id, ctx.at);
  const actor = { type: 'technician' as const, id: technician.userId, name: technician.name };
  await setAssignee(tx, row, technician.userId, actor, ctx.at);
  await moveCase(tx, row, 'accepted', actor, ctx.at, ctx.changes);
  const tenant = (await createTenantRepository(tx).findTenant(row.tenantId))!;
  await notifyCustomer(tx, {
    caseRow: row, stage: 'assigned', technicianName: technician.name.split(' ')[0] ?? '', language: tenant.language, publicUrl: deps.publicUrl, at: ctx.at, key: offer.id,
  });
  return result('accepted');
}
