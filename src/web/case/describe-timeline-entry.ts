import type { TTimelineEntry } from '../../shared/api/cases.ts';
import { caseStatuses, type TCaseStatus } from '../../shared/case-lifecycle.ts';
import type { TIntakeSchema } from '../../shared/intake-schema.ts';
import { groupReference, humanize } from '../common/format.ts';
import type { TI18n } from '../i18n/i18n-context.ts';
import { callOutcomeLabel } from '../common/call-outcome.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { labelIntake } from '../protocols/intake-format.ts';
import { describeChanges } from './describe-changes.ts';
import { asRecord, pickText } from './timeline-values.ts';
import { describeDispatchEntry } from '../dispatch/describe-dispatch-entry.ts';

export type TChange = { label: string; before: string; after: string };
export type TTimelineTone = 'created' | 'status' | 'note' | 'warning' | 'neutral';

export type TTimelineView = {
  title: string;
  tone: TTimelineTone;
  quote?: string;
  lines: string[];
  changes: TChange[];
  raw?: unknown;
  /** A recording to listen to (voicemail). */
  audio?: string;
};

const ruleKeys: Readonly<Record<string, TMessageKey>> = {
  customer_asset: 'rule.customer_asset',
  customer_appliance: 'rule.customer_appliance',
  phone_appliance: 'rule.phone_appliance',
};

const channels = ['phone', 'web', 'portal', 'operator', 'api'] as const;

function statusName(value: unknown, i18n: TI18n): string {
  return caseStatuses.includes(value as TCaseStatus) ? i18n.t(`status.${value as TCaseStatus}`) : String(value ?? '?');
}

function relatedCaseLine(data: ReturnType<typeof asRecord>, i18n: TI18n): string[] {
  const reference = pickText(data, 'reference', 'caseReference', 'duplicateOfReference', 'existingReference');
  return reference ? [i18n.t('timeline.relatedCase', { reference: groupReference(reference) })] : [];
}

/** Turns one timeline row into a sentence and details in the reader's language. */
export function describeTimelineEntry(entry: TTimelineEntry, schema: TIntakeSchema | null | undefined, i18n: TI18n): TTimelineView {
  const { t } = i18n;
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  const data = asRecord(entry.data);

  switch (entry.kind) {
    case 'created': {
      const channel = pickText(data, 'channel') ?? pickText(after, 'channel');
      const known = channels.find((c) => c === channel);
      return { title: known ? t('timeline.createdVia', { channel: t(`channel.${known}`) }) : t('timeline.created'), tone: 'created', lines: [], changes: [] };
    }
    case 'status_changed':
      return {
        title: t('timeline.statusChanged', { from: statusName(before?.status, i18n), to: statusName(after?.status, i18n) }),
        tone: 'status',
        quote: pickText(data, 'note'),
        lines: [],
        changes: [],
      };
    case 'duplicate_attempt': {
      const rule = pickText(data, 'rule');
      const ruleKey = rule ? ruleKeys[rule] : undefined;
      const intake = asRecord(data?.intake);
      const intakeLines = intake
        ? labelIntake(schema, intake as Record<string, string | number | boolean>, i18n).map((v) => `${v.label}: ${v.value}`)
        : [];
      return {
        title: t('timeline.duplicateAttempt'),
        tone: 'warning',
        lines: [...(rule ? [t('timeline.duplicateRule', { rule: ruleKey ? t(ruleKey) : humanize(rule) })] : []), ...intakeLines, ...relatedCaseLine(data, i18n)],
        changes: [],
      };
    }
    case 'duplicate_override': {
      const reason = pickText(data, 'reason', 'overrideReason');
      return {
        title: t('timeline.duplicateOverride'),
        tone: 'warning',
        lines: [...(reason ? [t('timeline.reason', { reason })] : []), ...relatedCaseLine(data, i18n)],
        changes: [],
      };
    }
    case 'note_added':
      return { title: t('timeline.noteAdded'), tone: 'note', quote: pickText(data, 'text', 'note'), lines: [], changes: [] };
    case 'updated': {
      const changes = describeChanges(before, after, schema, i18n);
      const fields = [...new Set(changes.map((c) => c.label))].join(', ');
      return { title: t('timeline.updated', { fields: fields || t('common.empty') }), tone: 'neutral', lines: [], changes };
    }
    case 'assigned': {
      const name = pickText(data, 'userName', 'name', 'assigneeName') ?? pickText(after, 'userName', 'assignedUserName', 'name');
      const cleared = after !== undefined && (after.userId === null || after.assignedUserId === null) && !name;
      return { title: cleared ? t('timeline.unassigned') : t('timeline.assigned', { name: name ?? t('common.empty') }), tone: 'neutral', lines: [], changes: [] };
    }
    case 'call': {
      const seconds = Number(data?.durationSeconds ?? 0);
      const duration = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
      const outcome = pickText(data, 'outcome');
      const digits = pickText(data, 'digits');
      return {
        title: t('timeline.call', { caller: pickText(data, 'callerId') ?? t('common.empty'), duration }),
        tone: 'neutral',
        lines: [...(outcome ? [t('timeline.callOutcome', { outcome: callOutcomeLabel(t, outcome) })] : []), ...(digits ? [t('timeline.callDigits', { digits })] : [])],
        changes: [],
      };
    }
    case 'voicemail': {
      const id = pickText(data, 'recordingId');
      return {
        title: t('timeline.voicemail', { seconds: String(Math.round(Number(data?.durationMs ?? 0) / 1000)) }),
        tone: 'note',
        lines: [],
        changes: [],
        audio: id ? `/api/v1/recordings/${id}` : undefined,
      };
    }
    default: {
      const dispatch = describeDispatchEntry(entry, i18n);
      if (dispatch) return dispatch;
      const quote = pickText(data, 'text', 'note', 'message');
      const raw = entry.data ?? entry.after ?? entry.before ?? undefined;
      return { title: t('timeline.generic', { kind: humanize(entry.kind) }), tone: 'neutral', quote, lines: [], changes: [], raw };
    }
  }
}
