import type { TReportInterval } from '../../shared/api/reports.ts';
import type { Queryable } from '../platform/db/database.ts';
import { bucketLabelSql, bucketSql, containedOutcomes, scopeCte } from './report-scope.ts';

/** Sums and counts of one bucket; the derived figures (averages, shares) are computed from them. */
export interface TrafficCounts {
  offered: number;
  answered: number;
  abandoned: number;
  abandoned5: number;
  abandoned15: number;
  abandoned30: number;
  abandoned60: number;
  abandoned120: number;
  answerSeconds: number;
  answeredInTarget: number;
  handled: number;
  handleSeconds: number;
  transfers: number;
  callbacks: number;
  inbound: number;
  contained: number;
  repeats: number;
  casesOpened: number;
  firstContactResolved: number;
  accepted: number;
  acceptanceSeconds: number;
  resolved: number;
  resolutionSeconds: number;
}

export type TrafficRow = TrafficCounts & { start: string };

// Queue stays: offered excludes stays that ended transferred (the next stay counts instead).
const queueSql = (interval: TReportInterval) => `
  queue as (
    select ${bucketLabelSql(bucketSql(interval, 'q.enqueued_at'))} as start,
      count(*) filter (where q.status <> 'transferred')::int as offered,
      count(*) filter (where q.status <> 'transferred' and q.answered_at is not null)::int as answered,
      count(*) filter (where q.status = 'abandoned')::int as abandoned,
      count(*) filter (where q.status = 'abandoned' and q.wait_seconds <= 5)::int as abandoned5,
      count(*) filter (where q.status = 'abandoned' and q.wait_seconds > 5 and q.wait_seconds <= 15)::int as abandoned15,
      count(*) filter (where q.status = 'abandoned' and q.wait_seconds > 15 and q.wait_seconds <= 30)::int as abandoned30,
      count(*) filter (where q.status = 'abandoned' and q.wait_seconds > 30 and q.wait_seconds <= 60)::int as abandoned60,
      count(*) filter (where q.status = 'abandoned' and q.wait_seconds > 60 and q.wait_seconds <= 120)::int as abandoned120,
      coalesce(sum(extract(epoch from q.answered_at - q.enqueued_at)) filter (where q.status <> 'transferred' and q.answered_at is not null), 0)::float8 as answer_seconds,
      count(*) filter (where q.status <> 'transferred' and q.answered_at is not null
        and extract(epoch from q.answered_at - q.enqueued_at) <= s.sl_seconds)::int as answered_in_target,
      count(*) filter (where q.answered_at is not null and q.talk_seconds is not null)::int as handled,
      coalesce(sum(q.talk_seconds + q.hold_seconds + coalesce(q.wrap_up_seconds, 0)) filter (where q.answered_at is not null and q.talk_seconds is not null), 0)::float8 as handle_seconds,
      count(*) filter (where q.status = 'transferred')::int as transfers,
      count(*) filter (where q.callback_requested_at is not null)::int as callbacks
    from queue_calls q
    join scope s on s.id = q.tenant_id
    where q.enqueued_at >= (select lo from bounds) and q.enqueued_at < (select hi from bounds)
      and q.enqueued_at >= s.lo and q.enqueued_at < s.hi
    group by 1
  )`;

// Inbound calls: containment (served by the IVR alone) and repeat callers (same number, same tenant, within 7 days before).
const callSql = (interval: TReportInterval) => `
  inbound as (
    select ${bucketLabelSql(bucketSql(interval, 'c.started_at'))} as start,
      count(*)::int as inbound,
      count(*) filter (where c.answered_at is not null and c.outcome = any($4::text[])
        and not exists (select 1 from queue_calls q where q.call_id = c.id))::int as contained,
      count(*) filter (where c.caller_id not in ('', 'anonymous') and exists (
        select 1 from calls p where p.tenant_id = c.tenant_id and p.caller_id = c.caller_id
          and p.started_at < c.started_at and p.started_at >= c.started_at - interval '7 days'))::int as repeats
    from calls c
    join scope s on s.id = c.tenant_id
    where c.direction = 'inbound'
      and c.started_at >= (select lo from bounds) and c.started_at < (select hi from bounds)
      and c.started_at >= s.lo and c.started_at < s.hi
    group by 1
  )`;

// Cases opened in the bucket, followed along their timeline to the first acceptance and resolution.
const caseSql = (interval: TReportInterval) => `
  opened as (
    select ${bucketLabelSql(bucketSql(interval, 'k.created_at'))} as start,
      count(*)::int as cases_opened,
      count(*) filter (where m.resolved_at is not null and not m.reopened and m.calls = 1)::int as first_contact_resolved,
      count(m.accepted_at)::int as accepted,
      coalesce(sum(extract(epoch from m.accepted_at - k.created_at)), 0)::float8 as acceptance_seconds,
      count(m.resolved_at)::int as resolved,
      coalesce(sum(extract(epoch from m.resolved_at - k.created_at)), 0)::float8 as resolution_seconds
    from cases k
    join scope s on s.id = k.tenant_id
    cross join lateral (
      select
        min(e.at) filter (where e.after->>'status' = 'accepted') as accepted_at,
        min(e.at) filter (where e.after->>'status' = 'resolved') as resolved_at,
        bool_or(e.after->>'status' = 'reopened') is true as reopened,
        (select count(*) from calls c where c.case_id = k.id) as calls
      from case_events e where e.case_id = k.id and e.kind = 'status_changed'
    ) m
    where k.created_at >= (select lo from bounds) and k.created_at < (select hi from bounds)
      and k.created_at >= s.lo and k.created_at < s.hi
    group by 1
  )`;

export function createTrafficRepository(db: Queryable) {
  return {
    /** One row per local bucket with any traffic, in order. */
    async trafficByBucket(tenantIds: readonly string[] | null, from: string, to: string, interval: TReportInterval): Promise<TrafficRow[]> {
      const sql = `with ${scopeCte}, ${queueSql(interval)}, ${callSql(interval)}, ${caseSql(interval)}
        select coalesce(queue.start, inbound.start, opened.start) as start,
          coalesce(offered, 0) as offered, coalesce(answered, 0) as answered, coalesce(abandoned, 0) as abandoned,
          coalesce(abandoned5, 0) as "abandoned5", coalesce(abandoned15, 0) as "abandoned15", coalesce(abandoned30, 0) as "abandoned30",
          coalesce(abandoned60, 0) as "abandoned60", coalesce(abandoned120, 0) as "abandoned120",
          coalesce(answer_seconds, 0) as "answerSeconds", coalesce(answered_in_target, 0) as "answeredInTarget",
          coalesce(handled, 0) as handled, coalesce(handle_seconds, 0) as "handleSeconds",
          coalesce(transfers, 0) as transfers, coalesce(callbacks, 0) as callbacks,
          coalesce(inbound, 0) as inbound, coalesce(contained, 0) as contained, coalesce(repeats, 0) as repeats,
          coalesce(cases_opened, 0) as "casesOpened", coalesce(first_contact_resolved, 0) as "firstContactResolved",
          coalesce(accepted, 0) as accepted, coalesce(acceptance_seconds, 0) as "acceptanceSeconds",
          coalesce(resolved, 0) as resolved, coalesce(resolution_seconds, 0) as "resolutionSeconds"
        from queue
        full join inbound on inbound.start = queue.start
        full join opened on opened.start = coalesce(queue.start, inbound.start)
        order by 1`;
      return db.query<TrafficRow>(sql, [tenantIds, from, to, containedOutcomes]);
    },

    /**
     * Inbound calls by local ISO weekday and hour over the period, all tenants in scope together,
     * from the hourly counters (migration 0031) rather than the call records.
     */
    heatmap(tenantIds: readonly string[] | null, from: string, to: string) {
      return db.query<{ weekday: number; hour: number; calls: number }>(
        `select extract(isodow from h.local_hour)::int as weekday, extract(hour from h.local_hour)::int as hour, sum(h.calls)::int as calls
         from call_hour_counts h
         where ($1::uuid[] is null or h.tenant_id = any($1::uuid[]))
           and h.local_hour >= $2::date::timestamp and h.local_hour < ($3::date + 1)::timestamp
         group by 1, 2 order by 1, 2`,
        [tenantIds, from, to],
      );
    },
  };
}
