import { useState } from 'react';
import type { TAgent, TSetAgentState } from '../../shared/api/operators.ts';
import { setMyState } from '../api/operators.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';
import { AgentStateBadge } from './agent-state-badge.tsx';
import { formatDuration, secondsSince } from './console-state.ts';

const choices: readonly TSetAgentState['state'][] = ['available', 'break', 'offline'];

type TStatusCardProps = { agent: TAgent; now: number; onChanged: () => void };

export function StatusCard({ agent, now, onChanged }: TStatusCardProps) {
  const { t } = useI18n();
  const api = useApi();
  const [pending, setPending] = useState<TSetAgentState['state'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const busy = !choices.some((choice) => choice === agent.state);

  const choose = async (state: TSetAgentState['state']) => {
    setPending(state);
    setError(null);
    try {
      await setMyState(api, state);
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(null);
    }
  };

  return (
    <section className="card console-status" aria-labelledby="console-status-title">
      <h2 className="card__title" id="console-status-title">
        {t('console.status.title')}
      </h2>
      <p className="console-status__now" data-testid="agent-state" data-state={agent.state}>
        <AgentStateBadge state={agent.state} />
        <span className="muted">{t('console.status.since', { time: formatDuration(secondsSince(agent.stateSince, now)) })}</span>
      </p>
      <div className="segmented" role="group" aria-label={t('console.status.choose')}>
        {choices.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`segmented__option segmented__option--${choice}`}
            aria-pressed={agent.state === choice}
            disabled={busy || pending !== null}
            data-testid={`set-state-${choice}`}
            onClick={() => void choose(choice)}
          >
            {t(`agentState.${choice}`)}
          </button>
        ))}
      </div>
      {busy ? <p className="muted console-status__hint">{t('console.status.busy')}</p> : null}
      {error ? <ErrorNotice error={error} /> : null}
    </section>
  );
}
