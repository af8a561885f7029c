import { z } from 'zod';
import { ZLabels } from './common.ts';

export const fieldMeanings = ['appliance_type', 'under_warranty', 'urgency', 'brand', 'description'] as const;

export const ZIntakeOption = z
  .object({
    value: z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
    labels: ZLabels,
    /** The key a caller presses for this option in the phone menu. */
    digit: z.string().regex(/^[0-9]$/).optional(),
  })
  .strict();

export const ZIntakeField = z
  .object({
    key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'starts with a letter; letters, digits and _'),
    type: z.enum(['choice', 'boolean', 'text', 'number', 'date']),
    labels: ZLabels,
    required: z.boolean().default(true),
    options: z.array(ZIntakeOption).min(2).max(20).optional(),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    meaning: z.enum(fieldMeanings).optional(),
  })
  .strict()
  .superRefine((field, ctx) => {
    if (field.type === 'choice' && !field.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice field needs options' });
    }
    if (field.type !== 'choice' && field.options) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'only choice fields have options' });
    }
    const values = field.options?.map((o) => o.value) ?? [];
    if (new Set(values).size !== values.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'option values must be unique' });
    }
    const digits = field.options?.flatMap((o) => (o.digit ? [o.digit] : [])) ?? [];
    if (new Set(digits).size !== digits.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'option digits must be unique' });
    }
    if (field.meaning === 'urgency' && field.type === 'choice' && !values.includes('urgent')) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: "an urgency field needs an 'urgent' option" });
    }
    if (field.meaning === 'under_warranty' && field.type !== 'boolean') {
      ctx.addIssue({ code: 'custom', path: ['type'], message: 'under_warranty must be a boolean field' });
    }
  });

export const ZIntakeSchema = z
  .object({ fields: z.array(ZIntakeField).min(1).max(50) })
  .strict()
  .superRefine((schema, ctx) => {
    const keys = schema.fields.map((f) => f.key);
    keys.forEach((key, i) => {
      if (keys.indexOf(key) !== i) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: 'duplicate key' });
    });
    for (const meaning of fieldMeanings) {
      if (schema.fields.filter((f) => f.meaning === meaning).length > 1) {
        ctx.addIssue({ code: 'custom', path: ['fields'], message: `only one field may mean ${meaning}` });
      }
    }
  });

export type TIntakeField = z.infer<typeof ZIntakeField>;
export type TIntakeSchema = z.infer<typeof ZIntakeSchema>;
export type TIntakeValues = Record<string, string | number | boolean>;

/** Builds the validator of a case's intake values from the protocol version in force. */
export function intakeValidator(schema: TIntakeSchema): z.ZodType<TIntakeValues> {
  const shape: Record<string, z.ZodType> = {};
  for (const field of schema.fields) {
    let value: z.ZodType;
    switch (field.type) {
      case 'choice':
        value = z.enum((field.options ?? []).map((o) => o.value) as [string, ...string[]]);
        break;
      case 'boolean':
        value = z.boolean();
        break;
      case 'number': {
        let n = z.number();
        if (field.min !== undefined) n = n.min(field.min);
        if (field.max !== undefined) n = n.max(field.max);
        value = n;
        break;
      }
      case 'date':
        value = z.iso.date();
        break;
      case 'text':
        value = z.string().trim().min(1).max(field.maxLength ?? 2000);
        break;
    }
    shape[field.key] = field.required ? value : value.optional();
  }
  return z.object(shape).strict() as unknown as z.ZodType<TIntakeValues>;
}

export function fieldWithMeaning(schema: TIntakeSchema, meaning: (typeof fieldMeanings)[number]): TIntakeField | undefined {
  return schema.fields.find((f) => f.meaning === meaning);
}
