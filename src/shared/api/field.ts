import { z } from 'zod';
import { ZId } from '../common.ts';
import { caseStatuses } from '../case-lifecycle.ts';

/** Ask for a one-time sign-in link, sent to the technician's own phone and e-mail. */
export const ZSignInLinkRequest = z
  .object({ contact: z.string().trim().min(3).max(254) })
  .strict();
export const ZSignInWithLink = z.object({ token: z.string().min(20).max(200) }).strict();

export const ZReportPart = z
  .object({ name: z.string().trim().min(1).max(200), quantity: z.number().int().min(1).max(999) })
  .strict();

/** A PNG drawn on the phone; 300 kB is a generous signature and keeps abuse small. */
export const ZSignature = z
  .string()
  .max(400_000)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/, 'must be a PNG data URL');

export const ZJobReport = z
  .object({
    workDone: z.string().trim().min(1).max(4000),
    parts: z.array(ZReportPart).max(50).default([]),
    minutes: z.number().int().min(0).max(1440),
    signature: ZSignature.optional(),
    signedBy: z.string().trim().max(200).optional(),
  })
  .strict();
export type TJobReport = z.input<typeof ZJobReport>;

/**
 * One thing the technician did on the phone. `actionId` is made on the phone, so an action
 * replayed after a lost answer (or queued offline and sent twice) is applied once.
 */
export const ZFieldAction = z.discriminatedUnion('kind', [
  z.object({ actionId: ZId, kind: z.literal('accept_offer'), offerId: ZId }).strict(),
  z.object({ actionId: ZId, kind: z.literal('decline_offer'), offerId: ZId }).strict(),
  z.object({ actionId: ZId, kind: z.literal('set_status'), caseId: ZId, to: z.enum(['en_route', 'on_site']) }).strict(),
  z.object({ actionId: ZId, kind: z.literal('resolve'), caseId: ZId, report: ZJobReport }).strict(),
  z.object({ actionId: ZId, kind: z.literal('reopen'), caseId: ZId, note: z.string().trim().min(1).max(500) }).strict(),
]);
export type TFieldAction = z.input<typeof ZFieldAction>;

export const ZFieldActionResult = z.object({
  actionId: ZId,
  /** True when this id had been applied before: nothing changed now. */
  replayed: z.boolean(),
  caseId: ZId.nullable(),
  status: z.enum(caseStatuses).nullable(),
});

export const ZFieldOffer = z.object({
  id: ZId,
  caseId: ZId,
  reference: z.string(),
  tenantName: z.string(),
  applianceType: z.string().nullable(),
  /** The appliance's name in each language, from the protocol the case was taken with. */
  applianceLabels: z.record(z.string(), z.string()).nullable(),
  brand: z.string().nullable(),
  priority: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  expiresAt: z.string(),
});

export const ZFieldJob = z.object({
  caseId: ZId,
  reference: z.string(),
  tenantName: z.string(),
  status: z.enum(caseStatuses),
  applianceType: z.string().nullable(),
  applianceLabels: z.record(z.string(), z.string()).nullable(),
  brand: z.string().nullable(),
  priority: z.string(),
  description: z.string(),
  customerName: z.string().nullable(),
  customerPhone: z.string().nullable(),
  address: z.string().nullable(),
  accessNotes: z.string().nullable(),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  updatedAt: z.string(),
});
export type TFieldJob = z.infer<typeof ZFieldJob>;

export const ZFieldOverview = z.object({
  technician: z.object({ id: ZId, name: z.string(), state: z.string() }),
  offers: z.array(ZFieldOffer),
  jobs: z.array(ZFieldJob),
});
export type TFieldOverview = z.infer<typeof ZFieldOverview>;
