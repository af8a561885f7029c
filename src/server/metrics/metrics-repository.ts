import type { Queryable } from '../platform/db/database.ts';

/** Live operational counts read from the tables at scrape time (what the ACD and the phone line wrote). */
export function createMetricsRepository(db: Queryable) {
  return {
    callsInProgress: () =>
      db.query<{ direction: string; calls: number }>(`select direction, count(*)::int as calls from calls where ended_at is null group by direction order by direction`),

    queueDepth: () =>
      db.query<{ tenant: string; queue: string; status: string; calls: number }>(
        `select t.billing_code as tenant, q.name as queue, qc.status, count(*)::int as calls
         from queue_calls qc join queues q on q.id = qc.queue_id join tenants t on t.id = qc.tenant_id
         where qc.status in ('waiting', 'offered', 'callback_waiting', 'callback_dialling')
         group by 1, 2, 3 order by 1, 2, 3`),

    /** Each operator's last recorded state; operators who never logged in are not counted. */
    agentsByState: () =>
      db.query<{ state: string; agents: number }>(
        `select last.state, count(*)::int as agents
         from users u cross join lateral (
           select state from agent_state_changes a where a.user_id = u.id order by a.at desc, a.id desc limit 1) last
         where u.active group by 1 order by 1`),
  };
}
