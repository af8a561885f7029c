-- The phone line: trunks, call records and recordings (voicemail, uploaded prompts).

create table trunks (
  id uuid primary key default gen_random_uuid(),
  name text not null unique,
  allowed_sources text[] not null default '{}',
  auth_realm text,
  auth_username text,
  auth_ha1_md5 text,
  auth_ha1_sha256 text,
  register_uri text,
  register_username text,
  register_password text,
  register_expires integer not null default 600 check (register_expires between 60 and 86400),
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);

create table calls (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  line_id uuid references lines (id),
  trunk_id uuid references trunks (id),
  sip_call_id text not null,
  direction text not null check (direction in ('inbound', 'outbound')),
  caller_id text not null,
  caller_name text not null default '',
  dialled text not null,
  language text not null check (language in ('es', 'ca', 'en')),
  started_at timestamptz not null,
  answered_at timestamptz,
  ended_at timestamptz,
  end_reason text,
  outcome text,
  ivr_path jsonb not null default '[]',
  digits text not null default '',
  case_id uuid references cases (id),
  created_at timestamptz not null default now()
);
create index calls_tenant_started_idx on calls (tenant_id, started_at desc, id desc);
create index calls_case_idx on calls (case_id) where case_id is not null;
create index calls_caller_idx on calls (tenant_id, caller_id);
create index calls_open_idx on calls (started_at) where ended_at is null;

create table recordings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  call_id uuid references calls (id),
  case_id uuid references cases (id),
  kind text not null check (kind in ('voicemail', 'prompt')),
  encoding text not null check (encoding in ('pcmu', 'pcma', 'pcm16')),
  sample_rate integer not null,
  duration_ms integer not null check (duration_ms >= 0),
  audio bytea not null,
  name text not null default '',
  created_at timestamptz not null default now()
);
create index recordings_tenant_idx on recordings (tenant_id, created_at desc);
create index recordings_call_idx on recordings (call_id);
