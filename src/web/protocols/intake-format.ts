import type { TIntakeField, TIntakeSchema } from '../../shared/intake-schema.ts';
import type { TI18n } from '../i18n/i18n-context.ts';
import { humanize } from '../common/format.ts';

type TIntakeValue = string | number | boolean;

export function findField(schema: TIntakeSchema | null | undefined, key: string): TIntakeField | undefined {
  return schema?.fields.find((field) => field.key === key);
}

export function findApplianceField(schema: TIntakeSchema | null | undefined): TIntakeField | undefined {
  return schema?.fields.find((field) => field.meaning === 'appliance_type') ?? findField(schema, 'appliance');
}

export function fieldLabel(field: TIntakeField | undefined, key: string, i18n: TI18n): string {
  return i18n.label(field?.labels, humanize(key));
}

/** Shows a stored intake value the way the protocol words it: option labels, yes/no, local dates. */
export function formatIntakeValue(field: TIntakeField | undefined, value: unknown, i18n: TI18n): string {
  if (value === null || value === undefined || value === '') return i18n.t('common.empty');
  if (typeof value === 'boolean') return i18n.t(value ? 'common.yes' : 'common.no');
  if (typeof value === 'number') return value.toLocaleString(i18n.language);
  if (typeof value !== 'string') return JSON.stringify(value);
  const option = field?.options?.find((o) => o.value === value);
  if (option) return i18n.label(option.labels, humanize(value));
  if (field?.type === 'date') return i18n.formatDate(value);
  if (field?.type === 'choice') return humanize(value);
  return value;
}

export type TLabelledValue = { key: string; label: string; value: string };

/** Intake values in the protocol's field order first, then any keys the protocol no longer knows. */
export function labelIntake(
  schema: TIntakeSchema | null | undefined,
  intake: Readonly<Record<string, TIntakeValue>>,
  i18n: TI18n,
): TLabelledValue[] {
  const schemaKeys = schema?.fields.map((f) => f.key) ?? [];
  const keys = [...schemaKeys.filter((k) => k in intake), ...Object.keys(intake).filter((k) => !schemaKeys.includes(k))];
  return keys.map((key) => {
    const field = findField(schema, key);
    return { key, label: fieldLabel(field, key, i18n), value: formatIntakeValue(field, intake[key], i18n) };
  });
}

export function applianceLabel(
  schema: TIntakeSchema | null | undefined,
  applianceType: string | null,
  intake: Readonly<Record<string, TIntakeValue>>,
  i18n: TI18n,
): string {
  const field = findApplianceField(schema);
  const value = (field ? intake[field.key] : undefined) ?? applianceType ?? intake['appliance'];
  return formatIntakeValue(field, value, i18n);
}
