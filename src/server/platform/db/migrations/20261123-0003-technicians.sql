-- Technicians: the people dispatch sends. One person is one row whatever tenants they work for
-- (technician_tenants), so their state, position and load of the day are the same for all.

create table technicians (
  id uuid primary key default gen_random_uuid(),
  -- The account the technician signs in with (role technician); at most one record per account.
  user_id uuid unique references users (id),
  name text not null,
  phone text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email text,
  skills text[] not null default '{}',
  brands text[] not null default '{}',
  certifications text[] not null default '{}',
  home_lat double precision not null check (home_lat between -90 and 90),
  home_lon double precision not null check (home_lon between -180 and 180),
  zone jsonb not null default '{}',
  hours jsonb not null default '[]',
  -- Exceptions and the on-call rota are jsonb, not a table of their own: they are always read
  -- and written whole with their technician (the dispatch roster, the calendar editor), no
  -- query looks inside them, and a join on every roster load would buy nothing.
  exceptions jsonb not null default '[]',
  on_call jsonb not null default '[]',
  time_zone text not null,
  daily_capacity integer not null default 8 check (daily_capacity between 0 and 100),
  state text not null default 'free' check (state in ('free', 'on_job', 'off')),
  last_lat double precision check (last_lat between -90 and 90),
  last_lon double precision check (last_lon between -180 and 180),
  last_position_at timestamptz,
  last_assigned_at timestamptz,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((last_lat is null) = (last_lon is null) and (last_lat is null) = (last_position_at is null))
);
-- One person, one mobile: offers go to it by SMS, and CSV imports recognise technicians by it.
create unique index technicians_phone_idx on technicians (phone);

create table technician_tenants (
  technician_id uuid not null references technicians (id) on delete cascade,
  tenant_id uuid not null references tenants (id),
  created_at timestamptz not null default now(),
  primary key (technician_id, tenant_id)
);
-- Listing a tenant's technicians and loading its dispatch roster start here.
create index technician_tenants_tenant_idx on technician_tenants (tenant_id, technician_id);
