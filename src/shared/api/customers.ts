import { z } from 'zod';
import { ZCountry, ZEmail, ZId, ZLanguage, ZPhoneInput, ZShortText } from '../common.ts';

const customerFields = {
  name: ZShortText,
  phones: z.array(ZPhoneInput).min(1).max(10),
  email: ZEmail,
  language: ZLanguage,
  notes: z.string().max(5000),
};
export const ZCreateCustomer = z
  .object({
    tenantId: ZId,
    ...customerFields,
    email: customerFields.email.optional(),
    language: customerFields.language.optional(),
    notes: customerFields.notes.default(''),
  })
  .strict();
/** Built from the fields without their defaults: a patch changes only what it names. */
export const ZUpdateCustomer = z.object(customerFields).partial().strict();

export const ZCustomerSummary = z.object({ id: ZId, name: z.string(), phones: z.array(z.string()), email: z.string().nullable() });
export const ZCustomer = ZCustomerSummary.extend({
  tenantId: ZId,
  language: ZLanguage.nullable(),
  notes: z.string(),
  createdAt: z.string(),
});
export type TCustomer = z.infer<typeof ZCustomer>;

export const ZCustomerQuery = z.object({
  tenant: ZId.optional(),
  phone: ZPhoneInput.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const ZCreateSite = z
  .object({
    label: z.string().trim().max(200).default(''),
    street: ZShortText,
    city: ZShortText,
    postalCode: z.string().trim().max(20).default(''),
    region: z.string().trim().max(100).default(''),
    country: ZCountry.default('ES'),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
    accessNotes: z.string().max(2000).default(''),
  })
  .strict()
  .refine((s) => (s.latitude === undefined) === (s.longitude === undefined), {
    path: ['longitude'],
    message: 'latitude and longitude go together',
  });
export const ZSite = z.object({
  id: ZId,
  customerId: ZId,
  label: z.string(),
  street: z.string(),
  city: z.string(),
  postalCode: z.string(),
  region: z.string(),
  country: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  accessNotes: z.string(),
});
export type TSite = z.infer<typeof ZSite>;

export const ZCreateAsset = z
  .object({
    siteId: ZId.optional(),
    applianceType: z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
    brand: z.string().trim().max(100).default(''),
    model: z.string().trim().max(100).default(''),
    serialNumber: z.string().trim().max(100).default(''),
    purchaseDate: z.iso.date().optional(),
    warrantyEnds: z.iso.date().optional(),
  })
  .strict()
  .refine((a) => !a.purchaseDate || !a.warrantyEnds || a.purchaseDate <= a.warrantyEnds, {
    path: ['warrantyEnds'],
    message: 'the warranty cannot end before the purchase',
  });
export const ZAsset = z.object({
  id: ZId,
  customerId: ZId,
  siteId: ZId.nullable(),
  applianceType: z.string(),
  brand: z.string(),
  model: z.string(),
  serialNumber: z.string(),
  purchaseDate: z.string().nullable(),
  warrantyEnds: z.string().nullable(),
});
export type TAsset = z.infer<typeof ZAsset>;
