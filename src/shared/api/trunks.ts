import { z } from 'zod';
import { ZId, ZShortText } from '../common.ts';

const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/([0-9]|[12][0-9]|3[0-2]))?$/;
export const ZSourceRange = z.string().regex(ipv4, 'expected an IPv4 address or CIDR range such as 192.0.2.0/24');

export const ZCreateTrunk = z
  .object({
    name: ZShortText,
    allowedSources: z.array(ZSourceRange).max(100).default([]),
    /** Inbound digest credentials a provider's calls must present. */
    authUsername: z.string().trim().min(1).max(100).optional(),
    authPassword: z.string().min(8).max(200).optional(),
    /** Outbound REGISTER so a provider's number can point at this desk. */
    registerUri: z.string().regex(/^sips?:[^\s]+$/, 'expected a sip: URI').optional(),
    registerUsername: z.string().trim().min(1).max(100).optional(),
    registerPassword: z.string().min(1).max(200).optional(),
    registerExpires: z.number().int().min(60).max(86400).default(600),
    enabled: z.boolean().default(true),
  })
  .strict()
  .refine((t) => Boolean(t.authUsername) === Boolean(t.authPassword), { path: ['authPassword'], message: 'username and password go together' })
  .refine((t) => t.allowedSources.length > 0 || t.authUsername, { path: ['allowedSources'], message: 'give allowed sources, credentials, or both' })
  .refine((t) => !t.registerUri || (t.registerUsername && t.registerPassword), { path: ['registerUsername'], message: 'registration needs a username and password' });

export const ZTrunk = z.object({
  id: ZId,
  name: z.string(),
  allowedSources: z.array(z.string()),
  authUsername: z.string().nullable(),
  registerUri: z.string().nullable(),
  registerUsername: z.string().nullable(),
  registerExpires: z.number(),
  enabled: z.boolean(),
  createdAt: z.string(),
});
export type TTrunk = z.infer<typeof ZTrunk>;
