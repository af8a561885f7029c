-- Queue records: the facts the ACD writes and the reports read. One row per stay of a call in a
-- queue (a transfer to another queue starts a new stay), and an append-only log of operator
-- presence, so that service level, handle time and staff logged in can be computed afterwards.

create table queues (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  language text check (language in ('es', 'ca', 'en')),
  required_skills text[] not null default '{}',
  priority integer not null default 0,
  strategy text not null default 'longest_idle' check (strategy in ('longest_idle', 'round_robin', 'fewest_calls')),
  ring_timeout_seconds integer not null default 20 check (ring_timeout_seconds between 5 and 120),
  wrap_up_seconds integer not null default 15 check (wrap_up_seconds between 0 and 600),
  callback_after_seconds integer check (callback_after_seconds between 0 and 3600),
  max_no_answers integer not null default 2 check (max_no_answers between 1 and 10),
  record_calls boolean not null default false,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (tenant_id, name)
);

create table queue_calls (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  queue_id uuid not null references queues (id),
  call_id uuid references calls (id),
  caller_id text not null,
  priority integer not null default 0,
  -- what the IVR collected before the caller asked for a person (intake keys, case, menu path)
  context jsonb not null default '{}',
  enqueued_at timestamptz not null,
  -- the place in the queue: a callback keeps the original enqueued_at as its position
  position_at timestamptz not null,
  status text not null default 'waiting' check (status in
    ('waiting', 'offered', 'callback_waiting', 'callback_dialling', 'connected', 'wrap_up', 'completed', 'abandoned', 'callback_failed', 'transferred')),
  offers integer not null default 0,
  agent_user_id uuid references users (id),
  answered_at timestamptz,
  callback_requested_at timestamptz,
  callback_number text,
  ended_at timestamptz,
  -- seconds, filled when the stay ends
  wait_seconds numeric(10, 3),
  talk_seconds numeric(10, 3),
  hold_seconds numeric(10, 3) not null default 0,
  wrap_up_seconds numeric(10, 3),
  transferred_from uuid references queue_calls (id),
  wrap_up_code text,
  case_id uuid references cases (id),
  end_reason text
);
create index queue_calls_tenant_enqueued_idx on queue_calls (tenant_id, enqueued_at);
create index queue_calls_enqueued_idx on queue_calls (enqueued_at);
create index queue_calls_open_idx on queue_calls (queue_id, priority desc, position_at)
  where status in ('waiting', 'offered', 'callback_waiting', 'callback_dialling');
create index queue_calls_call_idx on queue_calls (call_id) where call_id is not null;

create table agent_state_changes (
  id bigserial primary key,
  user_id uuid not null references users (id),
  state text not null check (state in ('offline', 'available', 'ringing', 'on_call', 'wrap_up', 'break')),
  reason text not null default '',
  at timestamptz not null default now()
);
create index agent_state_changes_user_idx on agent_state_changes (user_id, at);
create index agent_state_changes_at_idx on agent_state_changes (at);
