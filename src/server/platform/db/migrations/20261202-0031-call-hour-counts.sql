-- Inbound calls per tenant and local hour, kept as calls are recorded, so the heatmap over every
-- tenant and a whole year reads a few hundred thousand counters instead of millions of calls.
-- The hour is local to the tenant's time zone when the call arrived (exact for zones with
-- half-hour offsets too); call records are only ever inserted, never moved in time or deleted.

create table call_hour_counts (
  tenant_id uuid not null references tenants (id),
  local_hour timestamp not null,
  calls integer not null check (calls >= 0),
  primary key (tenant_id, local_hour)
);
create index call_hour_counts_hour_idx on call_hour_counts (local_hour) include (tenant_id, calls);

insert into call_hour_counts (tenant_id, local_hour, calls)
select c.tenant_id, date_trunc('hour', c.started_at at time zone t.time_zone), count(*)
from calls c join tenants t on t.id = c.tenant_id
where c.direction = 'inbound'
group by 1, 2;

-- Once per statement over the rows it inserted, so a bulk import adds one counter per hour.
create function call_hour_counts_add() returns trigger language plpgsql as $$
begin
  insert into call_hour_counts (tenant_id, local_hour, calls)
  select i.tenant_id, date_trunc('hour', i.started_at at time zone t.time_zone), count(*)
  from inserted i join tenants t on t.id = i.tenant_id
  where i.direction = 'inbound'
  group by 1, 2
  on conflict (tenant_id, local_hour) do update set calls = call_hour_counts.calls + excluded.calls;
  return null;
end;
$$;
create trigger calls_hour_counts after insert on calls
  referencing new table as inserted for each statement execute function call_hour_counts_add();
