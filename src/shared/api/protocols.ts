import { z } from 'zod';
import { ZId } from '../common.ts';
import { ZIntakeSchema } from '../intake-schema.ts';

export const ZCreateProtocolVersion = z
  .object({ intakeSchema: ZIntakeSchema, note: z.string().trim().max(500).default('') })
  .strict();

export const ZProtocolVersion = z.object({
  id: ZId,
  tenantId: ZId,
  version: z.number(),
  status: z.enum(['draft', 'published', 'retired']),
  intakeSchema: ZIntakeSchema,
  note: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type TProtocolVersion = z.infer<typeof ZProtocolVersion>;
