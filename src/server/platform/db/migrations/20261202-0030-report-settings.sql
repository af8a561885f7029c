-- Reports: what a desk's service costs and the service level it aims for. One row with
-- tenant_id null holds the desk's defaults; a tenant's row overrides only the values it sets.

create table report_settings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid unique references tenants (id),
  currency text check (currency ~ '^[A-Z]{3}$'),
  seat_cost_per_hour numeric(12, 4) check (seat_cost_per_hour >= 0),
  telephony_cost_per_minute numeric(12, 6) check (telephony_cost_per_minute >= 0),
  missed_call_value numeric(12, 4) check (missed_call_value >= 0),
  service_level_target numeric(5, 4) check (service_level_target > 0 and service_level_target < 1),
  service_level_seconds integer check (service_level_seconds between 0 and 3600),
  max_occupancy numeric(5, 4) check (max_occupancy > 0 and max_occupancy <= 1),
  shrinkage numeric(5, 4) check (shrinkage >= 0 and shrinkage < 1),
  billing_rounding text check (billing_rounding in ('per_second', 'per_minute', '60/6', '30/6')),
  updated_at timestamptz not null default now()
);
-- Only one row of desk defaults.
create unique index report_settings_desk_idx on report_settings ((tenant_id is null)) where tenant_id is null;

-- The reports read calls and queue stays by start time across all tenants (heatmap, overall
-- figures) and case timelines by kind; these indexes keep a month's report an index range scan.
create index calls_started_idx on calls (started_at) include (tenant_id);
-- Repeat callers: earlier calls of the same number to the same tenant within a week.
create index calls_caller_started_idx on calls (tenant_id, caller_id, started_at);
create index case_events_tenant_kind_idx on case_events (tenant_id, kind, at);
