import { z } from 'zod';

export const languages = ['es', 'ca', 'en'] as const;
export const ZLanguage = z.enum(languages);
export type TLanguage = z.infer<typeof ZLanguage>;

export const ZId = z.uuid();
export const ZShortText = z.string().trim().min(1).max(200);
export const ZOptionalText = z.string().trim().max(200);
export const ZLongText = z.string().max(10_000);
export const ZEmail = z.string().trim().max(254).pipe(z.email());
/** Any human way of writing a phone number; the server normalises it to E.164. */
export const ZPhoneInput = z.string().trim().min(3).max(40);
export const ZCountry = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as ES');

export const ZLabels = z
  .object({ es: ZShortText.optional(), ca: ZShortText.optional(), en: ZShortText.optional() })
  .strict()
  .refine((labels) => labels.es ?? labels.ca ?? labels.en, 'at least one language is required');
export type TLabels = z.infer<typeof ZLabels>;

export const ZPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

export const ZRole = z.enum(['admin', 'manager', 'operator', 'technician']);
export type TRole = z.infer<typeof ZRole>;
