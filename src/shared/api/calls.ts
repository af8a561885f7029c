import { z } from 'zod';
import { ZId, ZPhoneInput } from '../common.ts';
import { ivrOutcomes, ZIvrPathStep } from '../ivr-flow.ts';

/** What a call achieved: the flow's outcomes, `failed` when the line itself gave up (a crash, no media), or the operators' queues' own. */
export const callOutcomes = [...ivrOutcomes, 'failed', 'queued', 'answered_by_operator'] as const;
export const ZCallOutcome = z.enum(callOutcomes);

export const ZCall = z.object({
  id: ZId,
  tenantId: ZId,
  tenantName: z.string(),
  lineNumber: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  callerId: z.string(),
  callerName: z.string(),
  dialled: z.string(),
  language: z.string(),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  endReason: z.string().nullable(),
  outcome: z.string().nullable(),
  path: z.array(ZIvrPathStep),
  digits: z.string(),
  caseId: ZId.nullable(),
  caseReference: z.string().nullable(),
  recordingIds: z.array(ZId),
});
export type TCall = z.infer<typeof ZCall>;

export const ZCallQuery = z.object({
  tenant: ZId.optional(),
  case: ZId.optional(),
  phone: ZPhoneInput.optional(),
  outcome: ZCallOutcome.optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export const ZCallPage = z.object({ items: z.array(ZCall), nextCursor: z.string().nullable() });
