import type { TReportInterval } from '../../shared/api/reports.ts';

/**
 * The tenants a report covers and their local period: `$1` tenant ids (null for all), `$2` the
 * first local day, `$3` the last local day (inclusive). Each tenant's own time zone turns the
 * days into UTC bounds, so a report over several tenants still means each one's local days.
 * The settings columns are the ones in force (the tenant's override, else the desk's, else the
 * built-in default), so overall figures use each tenant's own service-level target.
 */
export const scopeCte = `
  desk_defaults as (select * from report_settings where tenant_id is null),
  scope as (
    select t.id, t.time_zone as tz,
      ($2::date)::timestamp at time zone t.time_zone as lo,
      ($3::date + 1)::timestamp at time zone t.time_zone as hi,
      coalesce(rs.service_level_seconds, d.service_level_seconds, 20) as sl_seconds
    from tenants t
    left join report_settings rs on rs.tenant_id = t.id
    left join desk_defaults d on true
    where $1::uuid[] is null or t.id = any($1::uuid[])
  ),
  bounds as (select min(lo) as lo, max(hi) as hi from scope)`;

/**
 * The local bucket a timestamp falls in, as SQL over `column` and the scope's `tz`. A closed
 * table of fragments: the interval never reaches the SQL as text from a request.
 */
export function bucketSql(interval: TReportInterval, column: string): string {
  const local = `(${column} at time zone s.tz)`;
  switch (interval) {
    case '15m':
      return `date_bin(interval '15 minutes', ${local}, timestamp '2000-01-03')`;
    case '30m':
      return `date_bin(interval '30 minutes', ${local}, timestamp '2000-01-03')`;
    case '60m':
      return `date_trunc('hour', ${local})`;
    case 'day':
      return `date_trunc('day', ${local})`;
    case 'week':
      return `date_trunc('week', ${local})`;
    case 'month':
      return `date_trunc('month', ${local})`;
  }
}

export const bucketLabelSql = (bucket: string) => `to_char(${bucket}, 'YYYY-MM-DD"T"HH24:MI')`;

/** Outcomes of a call that ended in the IVR having served the caller (no person, no voicemail, no failure). */
export const containedOutcomes = ['case_created', 'duplicate_linked', 'status_given', 'self_help', 'completed'] as const;
