import type { TSupervisorOverview } from '../../shared/api/operators.ts';
import { AgentStateBadge } from '../console/agent-state-badge.tsx';
import { formatDuration, secondsSince } from '../console/console-state.ts';
import { useI18n } from '../i18n/i18n-context.ts';

type TAgents = TSupervisorOverview['agents'];

export function AgentsTable({ agents, now }: { agents: TAgents; now: number }) {
  const { t } = useI18n();
  const maxCalls = Math.max(1, ...agents.map((a) => a.callsToday));
  if (agents.length === 0) return <p className="muted">{t('supervisor.noAgents')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table supervisor-table">
        <thead>
          <tr>
            <th scope="col">{t('supervisor.agent')}</th>
            <th scope="col">{t('supervisor.state')}</th>
            <th scope="col" className="num">{t('supervisor.timeInState')}</th>
            <th scope="col">{t('supervisor.phone')}</th>
            <th scope="col">{t('supervisor.callsToday')}</th>
          </tr>
        </thead>
        <tbody>
          {agents.map((agent) => (
            <tr key={agent.userId} data-testid="supervisor-agent" data-state={agent.state}>
              <th scope="row">{agent.name}</th>
              <td data-label={t('supervisor.state')}>
                <AgentStateBadge state={agent.state} />
              </td>
              <td className="num" data-label={t('supervisor.timeInState')}>{formatDuration(secondsSince(agent.stateSince, now))}</td>
              <td data-label={t('supervisor.phone')}>
                <span className={agent.registered ? 'registration registration--on' : 'registration registration--off'}>
                  {agent.extension ?? t('common.empty')} · {t(agent.registered ? 'console.phone.registered' : 'console.phone.unregistered')}
                </span>
              </td>
              <td data-label={t('supervisor.callsToday')}>
                <span className="meter" aria-hidden="true">
                  <span style={{ width: `${(agent.callsToday / maxCalls) * 100}%` }} />
                </span>
                <span className="meter__value">{agent.callsToday}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
