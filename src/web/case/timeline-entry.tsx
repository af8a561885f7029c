import type { TTimelineEntry } from '../../shared/api/cases.ts';
import type { TIntakeSchema } from '../../shared/intake-schema.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { describeTimelineEntry } from './describe-timeline-entry.ts';

type TTimelineEntryProps = { entry: TTimelineEntry; schema: TIntakeSchema | null | undefined };

export function TimelineEntry({ entry, schema }: TTimelineEntryProps) {
  const i18n = useI18n();
  const view = describeTimelineEntry(entry, schema, i18n);
  const actor = entry.actorName || i18n.t(`actor.${entry.actorType}`);
  return (
    <li className={`timeline__entry timeline__entry--${view.tone}`} data-testid="timeline-entry" data-kind={entry.kind}>
      <span className="timeline__dot" aria-hidden="true" />
      <div className="timeline__body">
        <p className="timeline__title">{view.title}</p>
        <p className="timeline__meta">
          <span>{actor}</span>
          <span aria-hidden="true"> · </span>
          <time dateTime={entry.at}>{i18n.formatDateTime(entry.at)}</time>
        </p>
        {view.quote ? <blockquote className="timeline__quote">{view.quote}</blockquote> : null}
        {view.audio ? <audio className="timeline__audio" controls preload="none" src={view.audio} /> : null}
        {view.lines.length > 0 ? (
          <ul className="timeline__lines">
            {view.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
        {view.changes.length > 0 ? (
          <dl className="timeline__changes">
            {view.changes.map((change) => (
              <div key={change.label} className="timeline__change">
                <dt>{change.label}</dt>
                <dd>
                  <del>{change.before}</del>
                  <span aria-hidden="true"> → </span>
                  <ins>{change.after}</ins>
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        {view.raw !== undefined ? (
          <details className="timeline__raw">
            <summary>{i18n.t('common.details')}</summary>
            <pre>{JSON.stringify(view.raw, null, 2)}</pre>
          </details>
        ) : null}
      </div>
    </li>
  );
}
