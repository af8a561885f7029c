import type { Queryable } from '../platform/db/database.ts';

export interface SlotTraffic {
  start: string;
  calls: number;
  handled: number;
  handleSeconds: number;
}

/**
 * The local day's slots (`$2` the day, `$3` the slot length) as UTC instants in the tenant's
 * time zone; `$4` the days to look back (0 for the day itself, 7, 14, … for a forecast).
 */
const slotsCte = `
  tenant as (select time_zone as tz from tenants where id = $1),
  slots as (
    select to_char(local, 'HH24:MI') as start, back,
      (($2::date - back)::timestamp + (local - $2::date::timestamp)) at time zone tenant.tz as lo,
      (($2::date - back)::timestamp + (local - $2::date::timestamp) + $3::interval) at time zone tenant.tz as hi
    from tenant,
      generate_series($2::date::timestamp, $2::date::timestamp + interval '1 day' - $3::interval, $3::interval) as local,
      unnest($4::int[]) as back
  )`;

export function createStaffingRepository(db: Queryable) {
  return {
    /**
     * Offered queue stays and their handle time per local time of day (`HH:MI`), summed over
     * the days looked at; slots without calls are absent. Each day is one index range scan.
     */
    slotTraffic(tenantId: string, day: string, slot: string, daysBack: readonly number[]) {
      return db.query<SlotTraffic>(
        `with tenant as (select time_zone as tz from tenants where id = $1),
         windows as (
           select (($2::date - back)::timestamp at time zone tenant.tz) as lo, (($2::date - back + 1)::timestamp at time zone tenant.tz) as hi
           from tenant, unnest($4::int[]) as back)
         select to_char(date_bin($3::interval, q.enqueued_at at time zone tenant.tz, timestamp '2000-01-03'), 'HH24:MI') as start,
           count(*) filter (where q.status <> 'transferred')::int as calls,
           count(*) filter (where q.answered_at is not null and q.talk_seconds is not null)::int as handled,
           coalesce(sum(q.talk_seconds + q.hold_seconds + coalesce(q.wrap_up_seconds, 0)) filter (where q.answered_at is not null and q.talk_seconds is not null), 0)::float8 as "handleSeconds"
         from windows cross join tenant
         join queue_calls q on q.tenant_id = $1 and q.enqueued_at >= windows.lo and q.enqueued_at < windows.hi
         group by 1 order by 1`,
        [tenantId, day, slot, daysBack],
      );
    },

    /**
     * Operators serving the tenant who were logged in (any state but offline) per slot of the
     * day, as the average head count: seconds logged in ÷ slot seconds. The state at the start
     * of the day is each operator's last change before it.
     */
    loggedIn(tenantId: string, day: string, slot: string) {
      return db.query<{ start: string; agents: number }>(
        `with ${slotsCte},
         operators as (
           select u.id from users u where u.role = 'operator' and u.active
             and (u.all_tenants or exists (select 1 from user_tenants ut where ut.user_id = u.id and ut.tenant_id = $1))),
         day_bounds as (select min(lo) as lo, max(hi) as hi from slots),
         changes as (
           select a.user_id, a.state, a.at, a.id from agent_state_changes a, day_bounds
           where a.user_id in (select id from operators) and a.at >= day_bounds.lo and a.at < day_bounds.hi
           union all
           select o.id, last.state, day_bounds.lo, last.id from operators o cross join day_bounds
           cross join lateral (select state, id from agent_state_changes a where a.user_id = o.id and a.at < day_bounds.lo order by a.at desc, a.id desc limit 1) last),
         segments as (
           select state, at as seg_from, coalesce(lead(at) over (partition by user_id order by at, id), (select hi from day_bounds)) as seg_to
           from changes)
         select slots.start, coalesce(sum(extract(epoch from least(seg_to, slots.hi) - greatest(seg_from, slots.lo)))
             filter (where segments.state <> 'offline'), 0)::float8 / extract(epoch from $3::interval) as agents
         from slots left join segments on segments.seg_from < slots.hi and segments.seg_to > slots.lo
         group by slots.start order by slots.start`,
        [tenantId, day, slot, [0]],
      );
    },
  };
}
