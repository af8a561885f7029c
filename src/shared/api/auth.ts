import { z } from 'zod';
import { ZId, ZLanguage, ZRole } from '../common.ts';

export const ZLoginRequest = z
  .object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) })
  .strict();

export const ZMe = z.object({
  user: z.object({
    id: ZId,
    email: z.string(),
    name: z.string(),
    role: ZRole,
    language: ZLanguage.nullable(),
    allTenants: z.boolean(),
    tenantIds: z.array(ZId),
  }),
  csrfToken: z.string(),
});
export type TMe = z.infer<typeof ZMe>;
