import { ZOfferAnswerByLink, ZOfferByLink, type TOfferSummary } from '../../shared/api/dispatch.ts';
import { digestSecret } from '../auth/secrets.ts';
import { recordNotificationReceipt } from '../notifications/record-notification-receipt.ts';
import { findE164 } from '../phones/normalise-phone.ts';
import { createNotificationRepository } from '../notifications/notification-repository.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { parseInput } from '../platform/validation.ts';
import { createTenantRepository } from '../tenants/tenant-repository.ts';
import { applyOfferAnswer, type TAnswerOutcome, type TOfferVia } from './answer-offer.ts';
import { emitChanges, type DispatchDeps, type TStatusChange } from './dispatch-deps.ts';
import { dispatchTexts } from './dispatch-messages.ts';
import { createDispatchRepository } from './dispatch-repository.ts';

/** Answers an offer in its own transaction and announces what changed once committed. */
export async function answerOffer(deps: DispatchDeps, offerId: string, answer: 'accept' | 'decline', via: TOfferVia): Promise<TAnswerOutcome> {
  const changes: TStatusChange[] = [];
  const at = deps.clock.now();
  const outcome = await deps.db.transaction((tx) => applyOfferAnswer(tx, deps, offerId, answer, via, { at, publicUrl: deps.publicUrl, changes }));
  emitChanges(deps, changes);
  return outcome;
}

/** What the offer link shows before the technician answers: enough to decide, nothing more. */
export async function readOfferByLink(deps: DispatchDeps, input: unknown): Promise<TOfferSummary> {
  const { token } = parseInput(ZOfferByLink, input, 'body');
  const offer = await createDispatchRepository(deps.db).findOfferByToken(digestSecret(token));
  if (!offer) throw notFound('offer');
  const c = (await deps.cases.findCase(offer.caseId))!;
  const site = c.siteId ? await deps.customers.findSite(c.siteId) : undefined;
  return {
    status: offer.status, reference: c.reference, tenantName: c.tenantName, applianceType: c.applianceType, priority: c.priority,
    description: c.description, city: site?.city ?? null, expiresAt: offer.expiresAt.toISOString(),
  };
}

/** The link works once: after any answer (or the timeout) it only reports that the offer is gone. */
export async function answerOfferByLink(deps: DispatchDeps, input: unknown): Promise<TOfferSummary> {
  const { token, answer } = parseInput(ZOfferAnswerByLink, input, 'body');
  const offer = await createDispatchRepository(deps.db).findOfferByToken(digestSecret(token));
  if (!offer) throw notFound('offer');
  const outcome = await answerOffer(deps, offer.id, answer, 'link');
  if (outcome.outcome === 'gone') throw new AppError('conflict', 'this offer was already answered, withdrawn or expired');
  return readOfferByLink(deps, { token });
}

const replyPattern = /^\s*(s[ií]|yes|y|ok|acepto|accept|no|n)\W*(\d{4})\s*$/i;

/**
 * A text from a technician ("SI 4821", "NO 4821") answers their pending offer with that code;
 * a provider's status report ("delivered") moves the message's history forward. Returns the
 * reply to text back, if any.
 */
export async function handleInboundSms(deps: DispatchDeps, params: Readonly<Record<string, string>>): Promise<string | undefined> {
  if (params.MessageSid && params.MessageStatus && params.Body === undefined) {
    const status = params.MessageStatus === 'delivered' ? 'delivered' : params.MessageStatus === 'read' ? 'acknowledged' : undefined;
    const n = status ? await createNotificationRepository(deps.db).findByProviderMessageId('sms-http', params.MessageSid) : undefined;
    if (status && n) await recordNotificationReceipt(deps, n.id, status, { providerStatus: params.MessageStatus });
    return undefined;
  }
  // The provider sends E.164; a national form is read as Spanish, the desk's home numbering plan.
  const from = params.From ? findE164(params.From, 'ES') : undefined;
  const match = replyPattern.exec(params.Body ?? '');
  const [technician] = from ? await deps.technicians.findTechniciansByPhones([from]) : [];
  if (!technician) return undefined;
  const tenant = await createTenantRepository(deps.db).findTenant(technician.tenantIds[0] ?? '');
  const words = dispatchTexts(tenant?.language ?? 'es');
  const offer = match ? await deps.db.transaction((tx) => createDispatchRepository(tx).findPendingOfferByCode(technician.id, match[2]!)) : undefined;
  if (!match || !offer) return words.replyUnknown;
  const accept = !/^n/i.test(match[1]!);
  const outcome = await answerOffer(deps, offer.id, accept ? 'accept' : 'decline', 'sms');
  if (outcome.outcome === 'accepted') return words.replyAccepted(outcome.reference);
  if (outcome.outcome === 'declined') return words.replyDeclined(outcome.reference);
  return words.replyUnknown;
}
