import { z } from 'zod';
import { ZId } from '../common.ts';
import { ZIntakeSchema } from '../intake-schema.ts';
import { ZIvrFlow } from '../ivr-flow.ts';
import { validateFlowAgainstProtocol } from '../ivr-flow-check.ts';
import { ZDispatchPolicy } from '../dispatch-policy.ts';

export const ZCreateProtocolVersion = z
  .object({
    intakeSchema: ZIntakeSchema,
    /** The phone menu of this version; without one the line offers only voicemail. */
    flow: ZIvrFlow.optional(),
    /** Who gets the jobs and how offers run; without one the defaults apply (weighted, 5 minutes an offer). */
    dispatchPolicy: ZDispatchPolicy.optional(),
    note: z.string().trim().max(500).default(''),
  })
  .strict()
  .superRefine((version, ctx) => {
    if (!version.flow) return;
    for (const problem of validateFlowAgainstProtocol(version.flow, version.intakeSchema)) {
      ctx.addIssue({ code: 'custom', path: ['flow', ...problem.path], message: problem.message });
    }
  });

export const ZProtocolVersion = z.object({
  id: ZId,
  tenantId: ZId,
  version: z.number(),
  status: z.enum(['draft', 'published', 'retired']),
  intakeSchema: ZIntakeSchema,
  flow: ZIvrFlow.nullable(),
  dispatchPolicy: ZDispatchPolicy.nullable(),
  note: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type TProtocolVersion = z.infer<typeof ZProtocolVersion>;
