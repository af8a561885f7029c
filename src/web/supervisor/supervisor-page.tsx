import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { LiveIndicator } from '../console/live-indicator.tsx';
import { useNow } from '../console/use-now.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import '../styles/console.css';
import '../styles/supervisor.css';
import { AgentsTable } from './agents-table.tsx';
import { QueuesTable } from './queues-table.tsx';
import { useSupervisor } from './use-supervisor.ts';

const busyStates = new Set(['ringing', 'on_call', 'wrap_up']);

export function SupervisorPage() {
  const { t } = useI18n();
  const { overview, at, live, error, reload } = useSupervisor();
  const now = useNow();
  useDocumentTitle(t('supervisor.title'));
  const drift = at ? Math.max(0, Math.floor((now - at) / 1000)) : 0;

  return (
    <section className="page supervisor" aria-labelledby="supervisor-title">
      <header className="page__header console__header">
        <h1 className="page__title" id="supervisor-title">
          {t('supervisor.title')}
        </h1>
        <LiveIndicator status={live} />
      </header>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      {!overview && !error ? <LoadingState /> : null}
      {overview ? (
        <>
          <p className="supervisor__summary" data-testid="supervisor-summary">
            {t('supervisor.summary', {
              available: overview.agents.filter((a) => a.state === 'available').length,
              busy: overview.agents.filter((a) => busyStates.has(a.state)).length,
              waiting: overview.queues.reduce((sum, q) => sum + q.waiting, 0),
            })}
          </p>
          <section className="card" aria-labelledby="supervisor-queues">
            <h2 className="card__title" id="supervisor-queues">
              {t('supervisor.queues')}
            </h2>
            <QueuesTable queues={overview.queues} drift={drift} />
          </section>
          <section className="card" aria-labelledby="supervisor-agents">
            <h2 className="card__title" id="supervisor-agents">
              {t('supervisor.agents')}
            </h2>
            <AgentsTable agents={overview.agents} now={now} />
          </section>
        </>
      ) : null}
    </section>
  );
}
