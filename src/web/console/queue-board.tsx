import type { TQueueBoard } from '../../shared/api/operators.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { CollectedSummary } from './collected-summary.tsx';
import { formatDuration } from './console-state.ts';

const statusKeys: Readonly<Record<string, TMessageKey>> = {
  waiting: 'callStatus.waiting',
  offered: 'callStatus.offered',
  connected: 'callStatus.connected',
  callback_waiting: 'callStatus.callback_waiting',
  callback_dialling: 'callStatus.callback_dialling',
};

type TQueueBoardProps = { board: TQueueBoard | undefined; boardAt: number; now: number };

export function QueueBoard({ board, boardAt, now }: TQueueBoardProps) {
  const { t } = useI18n();
  const calls = board?.calls ?? [];
  const drift = boardAt ? Math.max(0, (now - boardAt) / 1000) : 0;
  return (
    <section className="card queue-board" aria-labelledby="queue-board-title">
      <div className="card__title-row">
        <h2 className="card__title" id="queue-board-title">
          {t('console.board.title')}
        </h2>
        <span className="count-pill" data-testid="board-count" aria-live="polite">
          {t('console.board.count', { count: calls.length })}
        </span>
      </div>
      {calls.length === 0 ? (
        <p className="muted" data-testid="board-empty">
          {t('console.board.empty')}
        </p>
      ) : (
        <ol className="board-list">
          {calls.map((call) => (
            <li key={call.queueCallId} className="board-call" data-testid="board-call" data-status={call.status}>
              <span className="board-call__position" aria-label={t('console.board.position')}>
                {call.position}
              </span>
              <div className="board-call__who">
                <strong>{call.customerName ?? call.callerId}</strong>
                {call.customerName ? <span className="muted"> {call.callerId}</span> : null}
                <div className="muted board-call__where">
                  {call.tenant.name} · {call.queue.name} · {t(statusKeys[call.status] ?? 'callStatus.other')}
                </div>
              </div>
              <span className="board-call__wait" aria-label={t('console.board.wait')} data-testid="board-wait">
                {formatDuration(call.waitingSeconds + drift)}
              </span>
              <div className="board-call__collected">
                <CollectedSummary tenantId={call.tenant.id} collected={call.collected} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
