import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import '../styles/console.css';
import '../styles/board.css';
import '../styles/call.css';
import { KnowledgeSlot } from './knowledge-slot.tsx';
import { LiveIndicator } from './live-indicator.tsx';
import { QueueBoard } from './queue-board.tsx';
import { ScreenPop } from './screen-pop.tsx';
import { SipPhoneCard } from './sip-phone-card.tsx';
import { StatusCard } from './status-card.tsx';
import { useConsole } from './use-console.ts';
import { useNow } from './use-now.ts';

export function ConsolePage() {
  const { t } = useI18n();
  const { state, live, loadError, refresh, dismissNotice } = useConsole();
  const now = useNow();
  useDocumentTitle(state.ringing ? `☎ ${t('console.pop.ringing')}` : t('console.title'));
  const { agent, pop, call } = state;

  return (
    <section className="page console" aria-labelledby="console-title">
      <header className="page__header console__header">
        <h1 className="page__title" id="console-title">
          {t('console.title')}
        </h1>
        <LiveIndicator status={live} />
      </header>
      {loadError ? <ErrorNotice error={loadError} onRetry={refresh} /> : null}
      {!agent && !loadError ? <LoadingState /> : null}
      {agent ? (
        <div className="console__grid">
          <div className="console__main">
            {state.notice ? (
              <div className="notice notice--info console__notice" role="status" data-testid="console-notice">
                <p>{t(state.notice === 'withdrawn' ? 'console.pop.withdrawn' : 'console.pop.callEnded')}</p>
                <button type="button" className="button button--small" onClick={dismissNotice}>
                  {t('console.dismiss')}
                </button>
              </div>
            ) : null}
            {pop ? (
              <ScreenPop key={pop.queueCallId} pop={pop} call={call?.queueCallId === pop.queueCallId ? call : undefined} now={now} onChanged={refresh} />
            ) : (
              <p className="console__idle muted" data-testid="console-idle">
                {t('console.idle')}
              </p>
            )}
            <QueueBoard board={state.board} boardAt={state.boardAt} now={now} />
          </div>
          <div className="console__side">
            <StatusCard agent={agent} now={now} onChanged={refresh} />
            {pop ? <KnowledgeSlot tenantId={pop.tenant.id} callerPhone={pop.caller.phone} /> : null}
            {agent.sip ? <SipPhoneCard sip={agent.sip} /> : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
