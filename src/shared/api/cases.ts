import { z } from 'zod';
import { ZId, ZPhoneInput, ZShortText } from '../common.ts';
import { caseStatuses } from '../case-lifecycle.ts';
import { ZCustomerSummary } from './customers.ts';

export const ZCaseStatus = z.enum(caseStatuses);
export const ZPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export const ZChannel = z.enum(['phone', 'web', 'portal', 'operator', 'api']);
export const ZIntakeValues = z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean()]));

export const ZCreateCase = z
  .object({
    tenantId: ZId,
    customerId: ZId.optional(),
    /** Used when no customerId is given: matched by phone, otherwise created. */
    customer: z
      .object({ name: ZShortText, phones: z.array(ZPhoneInput).min(1).max(10) })
      .strict()
      .optional(),
    siteId: ZId.optional(),
    assetId: ZId.optional(),
    callerPhone: ZPhoneInput.optional(),
    intake: ZIntakeValues,
    description: z.string().max(10_000).default(''),
    priority: ZPriority.optional(),
    channel: ZChannel.default('api'),
    /** An operator may open a second case on purpose; the reason is recorded on both timelines. */
    allowDuplicate: z.boolean().default(false),
    overrideReason: z.string().trim().min(3).max(500).optional(),
  })
  .strict()
  .refine((c) => !c.allowDuplicate || c.overrideReason, {
    path: ['overrideReason'],
    message: 'required when allowDuplicate is true',
  });
export type TCreateCase = z.infer<typeof ZCreateCase>;

export const ZUpdateCase = z
  .object({
    intake: ZIntakeValues.optional(),
    description: z.string().max(10_000).optional(),
    priority: ZPriority.optional(),
    siteId: ZId.nullable().optional(),
    assetId: ZId.nullable().optional(),
  })
  .strict()
  .refine((u) => Object.keys(u).length > 0, 'nothing to change');

export const ZTransition = z.object({ to: ZCaseStatus, note: z.string().trim().max(2000).optional() }).strict();
export const ZNote = z.object({ text: z.string().trim().min(1).max(10_000) }).strict();
export const ZAssign = z.object({ userId: ZId.nullable() }).strict();

export const ZCase = z.object({
  id: ZId,
  reference: z.string(),
  tenantId: ZId,
  tenantName: z.string(),
  protocolVersion: z.number(),
  status: ZCaseStatus,
  priority: ZPriority,
  channel: ZChannel,
  intake: ZIntakeValues,
  applianceType: z.string().nullable(),
  description: z.string(),
  callerPhone: z.string().nullable(),
  customer: ZCustomerSummary.nullable(),
  siteId: ZId.nullable(),
  assetId: ZId.nullable(),
  assignedUserId: ZId.nullable(),
  duplicateOf: ZId.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type TCase = z.infer<typeof ZCase>;

export const ZCreateCaseResult = z.object({
  case: ZCase,
  duplicate: z.boolean(),
  matchedRule: z.enum(['customer_asset', 'customer_appliance', 'phone_appliance']).nullable(),
});
export type TCreateCaseResult = z.infer<typeof ZCreateCaseResult>;

export const ZCaseQuery = z.object({
  reference: z.string().trim().regex(/^[0-9 -]{1,20}$/, 'digits only').optional(),
  phone: ZPhoneInput.optional(),
  status: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(ZCaseStatus))
    .optional(),
  tenant: ZId.optional(),
  customer: ZId.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type TCaseQuery = z.infer<typeof ZCaseQuery>;

export const ZCasePage = z.object({ items: z.array(ZCase), nextCursor: z.string().nullable() });

export const ZTimelineEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorType: z.enum(['user', 'token', 'system', 'caller', 'technician']),
  actorId: z.string().nullable(),
  actorName: z.string(),
  kind: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  data: z.unknown().nullable(),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;
