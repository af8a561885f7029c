import type { TTimelineEntry } from '../../shared/api/cases.ts';
import type { TI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import type { TTimelineView } from '../case/describe-timeline-entry.ts';
import { asRecord, pickText } from '../case/timeline-values.ts';

const notificationStatuses = ['queued', 'sent', 'failed', 'delivered', 'acknowledged', 'cancelled', 'refused'] as const;

/** The timeline rows dispatch, offers and the outbox write, in the reader's language. */
export function describeDispatchEntry(entry: TTimelineEntry, i18n: TI18n): TTimelineView | undefined {
  const { t } = i18n;
  const data = asRecord(entry.data);
  const name = pickText(data, 'technicianName') ?? t('common.empty');
  const view = (title: string, tone: TTimelineView['tone'] = 'neutral', quote?: string): TTimelineView => ({ title, tone, quote, lines: [], changes: [] });
  switch (entry.kind) {
    case 'dispatch_decided': {
      const decision = asRecord(data?.decision);
      const chosen = pickText(decision, 'chosen');
      const candidates = Array.isArray(decision?.candidates) ? (decision.candidates as { technicianId: string; technicianName?: string }[]) : [];
      const chosenName = candidates.find((c) => c.technicianId === chosen)?.technicianName;
      return view(chosen ? t('timeline.dispatchDecided', { name: chosenName ?? t('dispatch.manualBy') }) : t('timeline.dispatchNobody'));
    }
    case 'offer_made':
      return view(t('timeline.offerMade', { name }));
    case 'offer_accepted':
      return view(t('timeline.offerAccepted', { name }), 'status');
    case 'offer_declined':
      return view(t('timeline.offerDeclined', { name }), 'warning');
    case 'offer_expired':
      return view(t('timeline.offerExpired', { name }), 'warning');
    case 'dispatch_escalated':
      return view(t('timeline.dispatchEscalated'), 'warning');
    case 'follow_ups_cancelled':
      return view(t('timeline.followUpsCancelled'));
    case 'status_links_revoked':
      return view(t('timeline.statusLinksRevoked'));
    case 'job_report':
      return view(t('timeline.jobReport', { minutes: String(data?.minutes ?? '?') }), 'note', pickText(data, 'workDone'));
    default: {
      const match = /^notification_(attempt_failed|[a-z]+)$/.exec(entry.kind);
      if (!match) return undefined;
      const status = match[1] === 'attempt_failed' ? 'failed' : notificationStatuses.find((s) => s === match[1]);
      if (!status) return undefined;
      const line = t('timeline.notification', {
        channel: pickText(data, 'channel') ?? '?', recipient: pickText(data, 'recipient') ?? '?', status: t(`notification.${status}` as TMessageKey),
      });
      return { ...view(line, status === 'failed' || status === 'refused' ? 'warning' : 'neutral'), raw: entry.data ?? undefined };
    }
  }
}
