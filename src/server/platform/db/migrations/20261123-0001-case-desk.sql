-- The case desk: tenants, lines, protocols, customers, sites, assets, cases and their timeline,
-- users, sessions and API tokens.

create table desk_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create table tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  billing_code text not null unique,
  language text not null check (language in ('es', 'ca', 'en')),
  time_zone text not null,
  country text not null check (country ~ '^[A-Z]{2}$'),
  business_hours jsonb not null,
  duplicate_window_hours integer not null default 72 check (duplicate_window_hours between 1 and 8760),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table lines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  number text not null unique check (number ~ '^\+[1-9][0-9]{6,14}$'),
  label text not null default '',
  created_at timestamptz not null default now()
);
create index lines_tenant_idx on lines (tenant_id);

create table protocols (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  version integer not null check (version > 0),
  status text not null check (status in ('draft', 'published', 'retired')),
  intake_schema jsonb not null,
  flow jsonb,
  dispatch_policy jsonb,
  note text not null default '',
  created_at timestamptz not null default now(),
  published_at timestamptz,
  unique (tenant_id, version)
);
-- At most one version in force per tenant.
create unique index protocols_in_force_idx on protocols (tenant_id) where status = 'published';

create table customers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  phones text[] not null default '{}',
  email text,
  language text check (language in ('es', 'ca', 'en')),
  notes text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index customers_tenant_idx on customers (tenant_id, created_at desc);
create index customers_phones_idx on customers using gin (phones);
create index customers_name_idx on customers (tenant_id, lower(name));

create table sites (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  customer_id uuid not null references customers (id),
  label text not null default '',
  street text not null,
  city text not null,
  postal_code text not null default '',
  region text not null default '',
  country text not null check (country ~ '^[A-Z]{2}$'),
  latitude double precision check (latitude between -90 and 90),
  longitude double precision check (longitude between -180 and 180),
  access_notes text not null default '',
  created_at timestamptz not null default now()
);
create index sites_customer_idx on sites (customer_id);

create table assets (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  customer_id uuid not null references customers (id),
  site_id uuid references sites (id),
  appliance_type text not null,
  brand text not null default '',
  model text not null default '',
  serial_number text not null default '',
  purchase_date date,
  warranty_ends date,
  created_at timestamptz not null default now()
);
create index assets_customer_idx on assets (customer_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'manager', 'operator', 'technician')),
  all_tenants boolean not null default false,
  language text check (language in ('es', 'ca', 'en')),
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index users_email_idx on users (lower(email));

create table user_tenants (
  user_id uuid not null references users (id) on delete cascade,
  tenant_id uuid not null references tenants (id),
  primary key (user_id, tenant_id)
);

create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  token_hash text not null unique,
  role text not null check (role in ('admin', 'manager', 'operator', 'technician')),
  all_tenants boolean not null default false,
  tenant_ids uuid[] not null default '{}',
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

create sequence case_reference_seq as bigint minvalue 0 start with 0;

create table cases (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  reference text not null unique check (reference ~ '^[0-9]{8,}$'),
  protocol_id uuid not null references protocols (id),
  customer_id uuid references customers (id),
  site_id uuid references sites (id),
  asset_id uuid references assets (id),
  caller_phone text,
  appliance_type text,
  intake jsonb not null,
  description text not null default '',
  priority text not null check (priority in ('low', 'normal', 'high', 'urgent')),
  status text not null check (status in ('new', 'dispatched', 'accepted', 'en_route', 'on_site', 'resolved', 'closed', 'cancelled', 'reopened')),
  channel text not null check (channel in ('phone', 'web', 'portal', 'operator', 'api')),
  assigned_user_id uuid references users (id),
  duplicate_of uuid references cases (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz
);
create index cases_tenant_created_idx on cases (tenant_id, created_at desc, id desc);
create index cases_created_idx on cases (created_at desc, id desc);
create index cases_open_customer_idx on cases (tenant_id, customer_id) where status not in ('closed', 'cancelled');
create index cases_open_phone_idx on cases (tenant_id, caller_phone) where status not in ('closed', 'cancelled');
create index cases_assigned_idx on cases (assigned_user_id) where assigned_user_id is not null;
create index cases_customer_idx on cases (customer_id);

create table case_events (
  id bigserial primary key,
  case_id uuid not null references cases (id),
  tenant_id uuid not null references tenants (id),
  at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('user', 'token', 'system', 'caller', 'technician')),
  actor_id text,
  actor_name text not null default '',
  kind text not null,
  before jsonb,
  after jsonb,
  data jsonb
);
create index case_events_case_idx on case_events (case_id, id);

-- The timeline is the audit trail: rows are only ever appended.
create function case_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'case_events is append-only';
end;
$$;
create trigger case_events_no_update before update or delete on case_events
  for each row execute function case_events_append_only();
