import { z } from 'zod';
import { ZEmail, ZId, ZLanguage, ZRole, ZShortText } from '../common.ts';

export const ZCreateUser = z
  .object({
    email: ZEmail,
    name: ZShortText,
    password: z.string().min(10, 'at least 10 characters').max(1024),
    role: ZRole,
    allTenants: z.boolean().default(false),
    tenantIds: z.array(ZId).max(500).default([]),
    language: ZLanguage.optional(),
  })
  .strict()
  .refine((u) => u.allTenants || u.tenantIds.length > 0, { path: ['tenantIds'], message: 'give at least one tenant or allTenants' });

export const ZUser = z.object({
  id: ZId,
  email: z.string(),
  name: z.string(),
  role: ZRole,
  allTenants: z.boolean(),
  tenantIds: z.array(ZId),
  language: ZLanguage.nullable(),
  active: z.boolean(),
  createdAt: z.string(),
});
export type TUser = z.infer<typeof ZUser>;

export const ZCreateToken = z
  .object({
    name: ZShortText,
    role: ZRole,
    allTenants: z.boolean().default(false),
    tenantIds: z.array(ZId).max(500).default([]),
  })
  .strict()
  .refine((t) => t.allTenants || t.tenantIds.length > 0, { path: ['tenantIds'], message: 'give at least one tenant or allTenants' });
export const ZCreatedToken = z.object({ id: ZId, token: z.string() });
