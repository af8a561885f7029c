import type { TTimelineEntry } from '../../shared/api/cases.ts';
import type { TIntakeSchema } from '../../shared/intake-schema.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import type { TAsyncState } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { TimelineEntry } from './timeline-entry.tsx';

type TCaseTimelineProps = {
  timeline: TAsyncState<TTimelineEntry[]> & { reload: () => void };
  schema: TIntakeSchema | null | undefined;
};

export function CaseTimeline({ timeline, schema }: TCaseTimelineProps) {
  const { t } = useI18n();
  const entries = timeline.data;
  return (
    <section className="card card--timeline" aria-labelledby="timeline-title">
      <h2 className="card__title" id="timeline-title">
        {t('case.timeline')}
      </h2>
      {timeline.status === 'failed' ? <ErrorNotice error={timeline.error} onRetry={timeline.reload} /> : null}
      {!entries && timeline.status === 'loading' ? <LoadingState /> : null}
      {entries && entries.length === 0 ? <p className="muted">{t('case.timelineEmpty')}</p> : null}
      {entries && entries.length > 0 ? (
        <ol className="timeline" data-testid="timeline" aria-busy={timeline.status === 'loading'}>
          {entries.map((entry) => (
            <TimelineEntry key={entry.id} entry={entry} schema={schema} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
