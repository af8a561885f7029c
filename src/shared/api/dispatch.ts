import { z } from 'zod';
import { ZId } from '../common.ts';
import { caseStatuses } from '../case-lifecycle.ts';

/** Dispatch a case: without a technician the tenant's policy chooses; with one, it is by hand. */
export const ZDispatchRequest = z
  .object({
    technicianId: ZId.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type TDispatchRequest = z.infer<typeof ZDispatchRequest>;

export const offerStatuses = ['pending', 'accepted', 'declined', 'expired', 'cancelled'] as const;
export const ZOfferStatus = z.enum(offerStatuses);

export const ZOffer = z.object({
  id: ZId,
  caseId: ZId,
  technicianId: ZId,
  technicianName: z.string(),
  rank: z.number(),
  status: ZOfferStatus,
  offeredAt: z.string(),
  expiresAt: z.string(),
  answeredAt: z.string().nullable(),
  answeredVia: z.string().nullable(),
});
export type TOffer = z.infer<typeof ZOffer>;

const ZScores = z.object({ distance: z.number(), specialisation: z.number(), availability: z.number(), load: z.number(), fairness: z.number() });

export const ZDecisionCandidate = z.object({
  technicianId: z.string(),
  technicianName: z.string().optional(),
  eligible: z.boolean(),
  excludedBy: z.string().optional(),
  scores: ZScores,
  total: z.number(),
  distanceKm: z.number(),
  travelSeconds: z.number().optional(),
  from: z.string(),
});

/** What was decided and why, as stored on the dispatch and the case timeline. */
export const ZStoredDecision = z.object({
  mode: z.string(),
  reason: z.string(),
  strategy: z.string(),
  chosen: z.string().nullable(),
  weights: ZScores,
  considered: z.number(),
  eligibleCount: z.number(),
  excludedCounts: z.record(z.string(), z.number()),
  candidates: z.array(ZDecisionCandidate),
  summary: z.string(),
  travel: z.enum(['great_circle', 'road']),
  /** Urgent work nobody on shift could take went to the on-call rota. */
  onCallFallback: z.boolean(),
  manual: z.object({ technicianId: z.string(), by: z.string() }).optional(),
});
export type TStoredDecision = z.infer<typeof ZStoredDecision>;

export const ZDispatch = z.object({
  id: ZId,
  caseId: ZId,
  status: z.enum(['offering', 'accepted', 'escalated', 'waiting', 'cancelled']),
  mode: z.enum(['automatic', 'manual']),
  decision: ZStoredDecision,
  createdAt: z.string(),
  updatedAt: z.string(),
  offers: z.array(ZOffer),
});
export type TDispatch = z.infer<typeof ZDispatch>;

export const ZCaseDispatch = z.object({
  current: ZDispatch.nullable(),
  technicians: z.array(z.object({ id: ZId, name: z.string(), state: z.string() })),
});
export type TCaseDispatch = z.infer<typeof ZCaseDispatch>;

export const ZDispatchAlert = z.object({
  dispatchId: ZId,
  caseId: ZId,
  reference: z.string(),
  tenantName: z.string(),
  escalatedAt: z.string(),
  summary: z.string(),
});
export const ZDispatchAlerts = z.object({ items: z.array(ZDispatchAlert) });

/** An answer by the link in the offer message: the link's secret is the only credential. */
export const ZOfferByLink = z.object({ token: z.string().min(20).max(200) }).strict();
export const ZOfferAnswerByLink = ZOfferByLink.extend({ answer: z.enum(['accept', 'decline']) }).strict();

export const ZOfferSummary = z.object({
  status: ZOfferStatus,
  reference: z.string(),
  tenantName: z.string(),
  applianceType: z.string().nullable(),
  priority: z.string(),
  description: z.string(),
  city: z.string().nullable(),
  expiresAt: z.string(),
});
export type TOfferSummary = z.infer<typeof ZOfferSummary>;

/** Public, no login: what a customer's status link shows. */
export const ZPublicCaseStatus = z.object({
  reference: z.string(),
  tenantName: z.string(),
  status: z.enum(caseStatuses),
  technicianName: z.string().nullable(),
  updatedAt: z.string(),
  steps: z.array(z.object({ status: z.enum(caseStatuses), at: z.string() })),
});
export type TPublicCaseStatus = z.infer<typeof ZPublicCaseStatus>;
export const ZStatusLinkRequest = z.object({ token: z.string().min(20).max(200) }).strict();
