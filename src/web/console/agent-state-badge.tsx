import type { TAgentState } from '../../shared/api/operators.ts';
import { useI18n } from '../i18n/i18n-context.ts';

export function AgentStateBadge({ state }: { state: TAgentState }) {
  const { t } = useI18n();
  return (
    <span className={`agent-state agent-state--${state}`} data-state={state}>
      <span className="agent-state__dot" aria-hidden="true" />
      {t(`agentState.${state}`)}
    </span>
  );
}
