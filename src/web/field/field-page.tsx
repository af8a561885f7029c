import { useCallback, useState } from 'react';
import { getFieldOverview } from '../api/field.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi, useMe, useSession } from '../session/session-context.ts';
import { LanguageSwitcher } from '../shell/language-switcher.tsx';
import { Icon } from '../common/icons.tsx';
import { newActionId } from './action-queue.ts';
import { applyQueued } from './apply-queued.ts';
import { JobCard } from './job-card.tsx';
import { OfferCard } from './offer-card.tsx';
import { ReportForm } from './report-form.tsx';
import { useActionQueue } from './use-action-queue.ts';
import { useSharePosition } from './use-share-position.ts';
import { usePolling } from '../common/use-polling.ts';

/** The technician's phone: offers to answer, today's jobs, and the closing report. */
export function FieldPage() {
  const { t } = useI18n();
  const api = useApi();
  const me = useMe();
  const { signOut } = useSession();
  useDocumentTitle(t('field.title'));
  const overview = useAsync((signal) => getFieldOverview(api, signal), [api]);
  const reload = overview.reload;
  const { queue, syncing, rejected, enqueue } = useActionQueue(api, reload);
  usePolling(reload, 20_000);
  const [reporting, setReporting] = useState<string | null>(null);
  const sharing = useSharePosition(api, me.user.tenantIds[0], overview.data?.technician.id);
  const view = applyQueued(overview.data, queue);
  const reportJob = view.jobs.find((j) => j.caseId === reporting);

  const answer = useCallback((offerId: string, accept: boolean) => enqueue({ actionId: newActionId(), kind: accept ? 'accept_offer' : 'decline_offer', offerId }), [enqueue]);

  return (
    <div className="field-app">
      <header className="top-bar field-app__bar">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true">C</span>
          <span className="brand__name">{overview.data?.technician.name ?? t('app.name')}</span>
        </span>
        <div className="top-bar__actions">
          <LanguageSwitcher />
          <button type="button" className="button button--small" onClick={() => void signOut()} aria-label={t('user.logout')}>
            <Icon name="logout" size={16} />
          </button>
        </div>
      </header>
      <main className="field-app__main" id="main">
        <div aria-live="polite" className="field-app__sync">
          {queue.length > 0 ? (
            <p className="notice notice--warning" data-testid="field-queue">
              {syncing && navigator.onLine ? t('field.syncing', { count: queue.length }) : t('field.offline', { count: queue.length })}
            </p>
          ) : null}
          {sharing ? <p className="muted field-app__position">{t('field.position')}</p> : null}
        </div>
        {rejected !== undefined ? <ErrorNotice error={rejected} /> : null}
        {overview.status === 'failed' && !overview.data ? <ErrorNotice error={overview.error} onRetry={reload} /> : null}
        {!overview.data && overview.status === 'loading' ? <LoadingState /> : null}
        {reportJob ? (
          <ReportForm
            job={reportJob}
            onCancel={() => setReporting(null)}
            onSubmit={(report) => {
              enqueue({ actionId: newActionId(), kind: 'resolve', caseId: reportJob.caseId, report });
              setReporting(null);
            }}
          />
        ) : overview.data ? (
          <>
            <section aria-labelledby="field-offers">
              <h1 className="page__title" id="field-offers">{t('field.offers')}</h1>
              {view.offers.length === 0 ? <p className="muted">{t('field.noOffers')}</p> : null}
              {view.offers.map((offer) => (
                <OfferCard key={offer.id} offer={offer} onAnswer={(accept) => answer(offer.id, accept)} />
              ))}
            </section>
            <section aria-labelledby="field-jobs">
              <h2 className="page__title" id="field-jobs">{t('field.jobs')}</h2>
              {view.jobs.length === 0 ? <p className="muted">{t('field.noJobs')}</p> : null}
              {view.jobs.map((job) => (
                <JobCard
                  key={job.caseId}
                  job={job}
                  status={job.shownStatus}
                  queued={job.queued}
                  onMove={(to) => enqueue({ actionId: newActionId(), kind: 'set_status', caseId: job.caseId, to })}
                  onResolve={() => setReporting(job.caseId)}
                  onReopen={(note) => enqueue({ actionId: newActionId(), kind: 'reopen', caseId: job.caseId, note })}
                />
              ))}
            </section>
          </>
        ) : null}
      </main>
    </div>
  );
}
