import { useState } from 'react';
import type { TFieldJob } from '../../shared/api/field.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import { StatusBadge } from '../cases/status-badge.tsx';
import { groupReference, humanize } from '../common/format.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { PriorityTag } from '../cases/priority-tag.tsx';

type TJobCardProps = {
  job: TFieldJob;
  /** The status once the queued actions reach the desk; differs from job.status while they wait. */
  status: TCaseStatus;
  queued: boolean;
  onMove: (to: 'en_route' | 'on_site') => void;
  onResolve: () => void;
  onReopen: (note: string) => void;
};

/** geo: opens the phone's own maps app; the web map is the fallback on a desktop. */
function NavigationLinks({ job }: { job: TFieldJob }) {
  const { t } = useI18n();
  if (!job.location) return null;
  const { lat, lon } = job.location;
  return (
    <div className="button-row">
      <a className="button button--small" href={`geo:${lat},${lon}?q=${lat},${lon}`} data-testid="navigate">
        {t('field.navigate')}
      </a>
      <a className="button button--small" href={`https://www.openstreetmap.org/directions?to=${lat}%2C${lon}`} target="_blank" rel="noreferrer">
        OSM
      </a>
    </div>
  );
}

export function JobCard({ job, status, queued, onMove, onResolve, onReopen }: TJobCardProps) {
  const { t, label } = useI18n();
  const [note, setNote] = useState('');
  return (
    <article className="card field-job" data-testid={`job-${job.reference}`} aria-labelledby={`job-${job.caseId}`}>
      <header className="field-job__head">
        <h3 className="field-job__title" id={`job-${job.caseId}`}>
          {groupReference(job.reference)}
        </h3>
        <StatusBadge status={status} />
      </header>
      {queued ? <p className="field-queued" role="status">{t('field.queued')}</p> : null}
      <p className="field-job__what">
        {label(job.applianceLabels ?? undefined, humanize(job.applianceType ?? 'other'))}
        {job.brand ? ` · ${job.brand}` : ''}
        {job.priority === 'urgent' ? <> <PriorityTag priority="urgent" /></> : null}
      </p>
      <p className="description">{job.description}</p>
      <dl className="facts">
        {job.customerName ? (
          <div>
            <dt>{t('case.customer')}</dt>
            <dd>
              {job.customerName}
              {job.customerPhone ? (
                <>
                  {' · '}
                  <a href={`tel:${job.customerPhone}`}>{t('field.call')}</a>
                </>
              ) : null}
            </dd>
          </div>
        ) : null}
        {job.address ? (
          <div>
            <dt>{t('field.address')}</dt>
            <dd>{job.address}{job.accessNotes ? ` — ${job.accessNotes}` : ''}</dd>
          </div>
        ) : null}
      </dl>
      <NavigationLinks job={job} />
      <div className="button-row field-job__actions">
        {status === 'accepted' ? (
          <button type="button" className="button button--primary button--block" data-testid="job-en-route" onClick={() => onMove('en_route')}>
            {t('field.enRoute')}
          </button>
        ) : null}
        {status === 'en_route' ? (
          <button type="button" className="button button--primary button--block" data-testid="job-on-site" onClick={() => onMove('on_site')}>
            {t('field.onSite')}
          </button>
        ) : null}
        {status === 'on_site' ? (
          <button type="button" className="button button--primary button--block" data-testid="job-resolve" onClick={onResolve}>
            {t('field.resolve')}
          </button>
        ) : null}
      </div>
      {status === 'resolved' ? (
        <form
          className="form field-job__reopen"
          onSubmit={(event) => {
            event.preventDefault();
            if (note.trim()) onReopen(note.trim());
          }}
        >
          <div className="field">
            <label htmlFor={`reopen-${job.caseId}`}>{t('field.reopenNote')}</label>
            <input id={`reopen-${job.caseId}`} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="button" disabled={!note.trim()}>
            {t('field.reopen')}
          </button>
        </form>
      ) : null}
    </article>
  );
}
