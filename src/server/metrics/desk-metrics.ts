import type { Queryable } from '../platform/db/database.ts';
import type { MetricsRegistry } from './metrics-registry.ts';
import { createMetricsRepository } from './metrics-repository.ts';

const agentStates = ['offline', 'available', 'ringing', 'on_call', 'wrap_up', 'break'] as const;

/** Calls in progress, queue depth and agents by state, from the database at scrape time. */
export function registerDeskMetrics(registry: MetricsRegistry, db: Queryable): void {
  const repo = createMetricsRepository(db);
  registry.register({
    name: 'centralita_calls_in_progress', type: 'gauge', help: 'Calls with a record open (started, not ended), by direction',
    collect: async () => {
      const rows = await repo.callsInProgress();
      return ['inbound', 'outbound'].map((direction) => ({ labels: { direction }, value: rows.find((r) => r.direction === direction)?.calls ?? 0 }));
    },
  });
  registry.register({
    name: 'centralita_queue_calls', type: 'gauge', help: 'Calls in an operator queue, by tenant billing code, queue and status',
    collect: async () => (await repo.queueDepth()).map((r) => ({ labels: { tenant: r.tenant, queue: r.queue, status: r.status }, value: r.calls })),
  });
  registry.register({
    name: 'centralita_agents', type: 'gauge', help: 'Operators by their current presence state',
    collect: async () => {
      const rows = await repo.agentsByState();
      return agentStates.map((state) => ({ labels: { state }, value: rows.find((r) => r.state === state)?.agents ?? 0 }));
    },
  });
}
