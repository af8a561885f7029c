import type { Queryable } from '../platform/db/database.ts';
import { billedSecondsSql } from './billing-rounding.ts';
import { scopeCte } from './report-scope.ts';

export interface UsageCounts {
  calls: number;
  answeredCalls: number;
  talkSeconds: number;
  billedSeconds: number;
  messages: number;
  dispatches: number;
  casesOpened: number;
  handled: number;
  handleSeconds: number;
  abandoned: number;
  inbound: number;
}

const inPeriod = (column: string) =>
  `${column} >= (select lo from bounds) and ${column} < (select hi from bounds) and ${column} >= s.lo and ${column} < s.hi`;

/** What a tenant used (or all tenants in scope together) over local days: the facts behind the statement and the costs. */
export function createUsageRepository(db: Queryable) {
  return {
    async usage(tenantIds: readonly string[] | null, from: string, to: string, block: { first: number; increment: number }): Promise<UsageCounts> {
      const duration = 'extract(epoch from c.ended_at - c.answered_at)';
      const rows = await db.query<UsageCounts>(
        `with ${scopeCte},
         call_use as (
           select count(*)::int as calls, count(c.answered_at)::int as answered,
             count(*) filter (where c.direction = 'inbound')::int as inbound,
             coalesce(sum(greatest(${duration}, 0)), 0)::float8 as talk,
             coalesce(sum(${billedSecondsSql(duration, '$4::numeric', '$5::numeric')}), 0)::float8 as billed
           from calls c join scope s on s.id = c.tenant_id where ${inPeriod('c.started_at')}),
         messages as (
           select count(*)::int as n from notifications n join scope s on s.id = n.tenant_id
           where n.status in ('sent', 'delivered', 'acknowledged') and ${inPeriod('n.created_at')}),
         dispatches as (
           select count(*)::int as n from case_events e join scope s on s.id = e.tenant_id
           where e.kind = 'status_changed' and e.after->>'status' = 'dispatched' and ${inPeriod('e.at')}),
         opened as (
           select count(*)::int as n from cases k join scope s on s.id = k.tenant_id where ${inPeriod('k.created_at')}),
         handling as (
           select count(*) filter (where q.answered_at is not null and q.talk_seconds is not null)::int as handled,
             coalesce(sum(q.talk_seconds + q.hold_seconds + coalesce(q.wrap_up_seconds, 0)) filter (where q.answered_at is not null and q.talk_seconds is not null), 0)::float8 as seconds,
             count(*) filter (where q.status = 'abandoned')::int as abandoned
           from queue_calls q join scope s on s.id = q.tenant_id where ${inPeriod('q.enqueued_at')})
         select call_use.calls, call_use.answered as "answeredCalls", call_use.inbound, call_use.talk as "talkSeconds",
           call_use.billed as "billedSeconds", messages.n as messages, dispatches.n as dispatches, opened.n as "casesOpened",
           handling.handled, handling.seconds as "handleSeconds", handling.abandoned
         from call_use, messages, dispatches, opened, handling`,
        [tenantIds, from, to, block.first, block.increment],
      );
      return rows[0]!;
    },
  };
}
