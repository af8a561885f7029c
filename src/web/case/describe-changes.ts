import type { TIntakeSchema } from '../../shared/intake-schema.ts';
import { humanize } from '../common/format.ts';
import type { TI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { fieldLabel, findField, formatIntakeValue } from '../protocols/intake-format.ts';
import type { TChange } from './describe-timeline-entry.ts';
import { asRecord, sameValue, type TRecord } from './timeline-values.ts';

const fieldKeys: Readonly<Record<string, TMessageKey>> = {
  description: 'field.description',
  priority: 'field.priority',
  status: 'field.status',
  siteId: 'field.siteId',
  assetId: 'field.assetId',
  customerId: 'field.customerId',
  assignedUserId: 'field.assignedUserId',
};

const priorities = ['low', 'normal', 'high', 'urgent'] as const;

function formatPlain(key: string, value: unknown, i18n: TI18n): string {
  if (value === null || value === undefined || value === '') return i18n.t('common.empty');
  const priority = key === 'priority' ? priorities.find((p) => p === value) : undefined;
  if (priority) return i18n.t(`priority.${priority}`);
  if (typeof value === 'boolean') return i18n.t(value ? 'common.yes' : 'common.no');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function intakeChanges(before: TRecord, after: TRecord, schema: TIntakeSchema | null | undefined, i18n: TI18n): TChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => !sameValue(before[key], after[key]))
    .map((key) => {
      const field = findField(schema, key);
      return {
        label: fieldLabel(field, key, i18n),
        before: formatIntakeValue(field, before[key], i18n),
        after: formatIntakeValue(field, after[key], i18n),
      };
    });
}

/** The fields an `updated` entry changed, with intake keys spelled out through the protocol. */
export function describeChanges(
  before: TRecord | undefined,
  after: TRecord | undefined,
  schema: TIntakeSchema | null | undefined,
  i18n: TI18n,
): TChange[] {
  const was = before ?? {};
  const now = after ?? {};
  const keys = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  return keys.flatMap((key) => {
    if (sameValue(was[key], now[key])) return [];
    const wasIntake = key === 'intake' ? asRecord(was[key]) : undefined;
    const nowIntake = key === 'intake' ? asRecord(now[key]) : undefined;
    if (wasIntake || nowIntake) return intakeChanges(wasIntake ?? {}, nowIntake ?? {}, schema, i18n);
    const labelKey = fieldKeys[key];
    return [
      {
        label: labelKey ? i18n.t(labelKey) : humanize(key),
        before: formatPlain(key, was[key], i18n),
        after: formatPlain(key, now[key], i18n),
      },
    ];
  });
}
