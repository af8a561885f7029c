import { z } from 'zod';
import { ZCountry, ZId, ZLanguage, ZPhoneInput, ZShortText } from '../common.ts';

const ZHhMm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/, 'expected HH:MM');
const ZWeekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

export const ZBusinessHours = z
  .object({
    weekly: z
      .array(z.object({ day: ZWeekday, open: ZHhMm, close: ZHhMm }).strict())
      .max(21)
      .refine((spans) => spans.every((s) => s.open < s.close), 'each span must open before it closes'),
    closedDates: z.array(z.iso.date()).max(366).default([]),
  })
  .strict();
export type TBusinessHours = z.infer<typeof ZBusinessHours>;

const ZTimeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone');

const tenantFields = {
  name: ZShortText,
  billingCode: z.string().trim().regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, 'upper-case letters, digits, - and _'),
  language: ZLanguage,
  timeZone: ZTimeZone,
  country: ZCountry,
  businessHours: ZBusinessHours,
  duplicateWindowHours: z.number().int().min(1).max(8760),
};
export const ZCreateTenant = z
  .object({ ...tenantFields, country: tenantFields.country.default('ES'), duplicateWindowHours: tenantFields.duplicateWindowHours.default(72) })
  .strict();
/** Built from the fields without their defaults: a patch changes only what it names. */
export const ZUpdateTenant = z.object(tenantFields).partial().strict();

export const ZTenant = z.object({
  id: ZId,
  name: z.string(),
  billingCode: z.string(),
  language: ZLanguage,
  timeZone: z.string(),
  country: z.string(),
  businessHours: ZBusinessHours,
  duplicateWindowHours: z.number(),
  createdAt: z.string(),
});
export type TTenant = z.infer<typeof ZTenant>;

export const ZCreateLine = z.object({ number: ZPhoneInput, label: z.string().trim().max(200).default('') }).strict();
export const ZLine = z.object({ id: ZId, tenantId: ZId, number: z.string(), label: z.string(), createdAt: z.string() });
export type TLine = z.infer<typeof ZLine>;
