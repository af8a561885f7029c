import { z } from 'zod';

// A plain decimal only: `z.coerce.number()` would read '' as 0 and '0x10' as 16, which no caller meant.
const decimal = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ZQueryNumber = z.string().trim().regex(decimal, 'expected a number').transform(Number);
// z.number() refuses Infinity, so '1e999' is refused rather than staffed.
const queryNumber = (schema: z.ZodNumber) => ZQueryNumber.pipe(schema);

/** GET /api/v1/staffing/erlang-c: how many agents an interval's calls need (Erlang C). */
export const ZErlangCQuery = z.strictObject({
  callsPerInterval: queryNumber(z.number().positive()),
  intervalSeconds: queryNumber(z.number().positive()),
  ahtSeconds: queryNumber(z.number().positive()),
  /** 1 is never reached by a queue with any traffic, so it is refused rather than searched for. */
  targetServiceLevel: queryNumber(z.number().gt(0).lt(1)),
  targetSeconds: queryNumber(z.number().min(0)),
  maxOccupancy: queryNumber(z.number().gt(0).max(1)).optional(),
  shrinkage: queryNumber(z.number().min(0).lt(1)).optional(),
});
export type TErlangCQuery = z.output<typeof ZErlangCQuery>;

export const ZErlangCResult = z.object({
  agents: z.number().int(),
  scheduledAgents: z.number().int(),
  serviceLevel: z.number(),
  probabilityOfWaiting: z.number(),
  averageSpeedOfAnswer: z.number(),
  occupancy: z.number(),
  offeredLoad: z.number(),
});
export type TErlangCResult = z.infer<typeof ZErlangCResult>;
