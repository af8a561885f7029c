import type { TSupervisorOverview } from '../../shared/api/operators.ts';
import { formatDuration } from '../console/console-state.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { ServiceLevelGauge } from './service-level-gauge.tsx';

type TQueues = TSupervisorOverview['queues'];

/** Waits tick between snapshots only where someone is waiting. */
export function QueuesTable({ queues, drift }: { queues: TQueues; drift: number }) {
  const { t } = useI18n();
  const maxWaiting = Math.max(1, ...queues.map((q) => q.waiting));
  if (queues.length === 0) return <p className="muted">{t('supervisor.noQueues')}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table supervisor-table">
        <thead>
          <tr>
            <th scope="col">{t('supervisor.queue')}</th>
            <th scope="col">{t('supervisor.waiting')}</th>
            <th scope="col" className="num">{t('supervisor.longestWait')}</th>
            <th scope="col" className="num">{t('supervisor.answered')}</th>
            <th scope="col" className="num">{t('supervisor.abandoned')}</th>
            <th scope="col">{t('supervisor.serviceLevel')}</th>
          </tr>
        </thead>
        <tbody>
          {queues.map((queue) => (
            <tr key={queue.id} data-testid="supervisor-queue" data-waiting={queue.waiting}>
              <th scope="row">
                {queue.name}
                <div className="muted">{queue.tenant.name}</div>
              </th>
              <td data-label={t('supervisor.waiting')}>
                <span className="meter meter--waiting" aria-hidden="true">
                  <span style={{ width: `${(queue.waiting / maxWaiting) * 100}%` }} />
                </span>
                <span className="meter__value">{queue.waiting}</span>
              </td>
              <td className="num" data-label={t('supervisor.longestWait')}>{formatDuration(queue.waiting > 0 ? queue.longestWaitSeconds + drift : 0)}</td>
              <td className="num" data-label={t('supervisor.answered')}>{queue.answeredToday}</td>
              <td className="num" data-label={t('supervisor.abandoned')}>{queue.abandonedToday}</td>
              <td data-label={t('supervisor.serviceLevel')}>
                <ServiceLevelGauge value={queue.serviceLevelToday} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
