-- Dispatch: one row per round of dispatching a case (automatic or by hand), the offers made to
-- technicians in that round, and the deadlines a worker picks up after a restart.

create table dispatches (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  case_id uuid not null references cases (id),
  -- offering: an offer is out; accepted: a technician took it; escalated: nobody left;
  -- waiting: out of hours, tried again at retry_at; cancelled: the case closed or was reassigned.
  status text not null check (status in ('offering', 'accepted', 'escalated', 'waiting', 'cancelled')),
  mode text not null check (mode in ('automatic', 'manual')),
  -- the eligible technicians in the order they are offered the job
  candidate_ids uuid[] not null default '{}',
  next_rank integer not null default 0,
  decision jsonb not null,
  retry_at timestamptz,
  created_by text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index dispatches_case_idx on dispatches (case_id, created_at desc);
create index dispatches_open_idx on dispatches (tenant_id, status) where status in ('offering', 'escalated', 'waiting');
create index dispatches_retry_idx on dispatches (retry_at) where status = 'waiting';

create table offers (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  case_id uuid not null references cases (id),
  dispatch_id uuid not null references dispatches (id),
  technician_id uuid not null references technicians (id),
  rank integer not null check (rank >= 0),
  status text not null check (status in ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
  -- the accept/decline link's secret, as a digest; the link works once
  token_hash text not null unique,
  -- what the technician texts back ("SI 4821"); unique among a technician's pending offers
  reply_code text not null check (reply_code ~ '^[0-9]{4}$'),
  offered_at timestamptz not null,
  expires_at timestamptz not null,
  answered_at timestamptz,
  answered_via text check (answered_via in ('link', 'sms', 'app', 'timeout', 'desk')),
  note text
);
create index offers_case_idx on offers (case_id, offered_at);
create index offers_due_idx on offers (expires_at) where status = 'pending';
create index offers_technician_pending_idx on offers (technician_id) where status = 'pending';
create unique index offers_reply_code_idx on offers (technician_id, reply_code) where status = 'pending';

-- One-time sign-in links for the technician's mobile view: a digest, short-lived, used once.
create table technician_sign_in_links (
  token_hash text primary key,
  user_id uuid not null references users (id),
  technician_id uuid not null references technicians (id),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index technician_sign_in_links_user_idx on technician_sign_in_links (user_id);

-- Actions queued by the mobile view while offline, by their client-made id: a replay of one
-- already applied answers what it answered the first time and changes nothing.
create table technician_actions (
  user_id uuid not null references users (id),
  action_id uuid not null,
  kind text not null,
  applied_at timestamptz not null,
  result jsonb not null,
  primary key (user_id, action_id)
);

-- The closing report of a job: what was done, the parts, the time, the customer's signature.
create table job_reports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  case_id uuid not null references cases (id),
  technician_id uuid not null references technicians (id),
  work_done text not null check (length(work_done) between 1 and 4000),
  parts jsonb not null default '[]',
  minutes integer not null check (minutes between 0 and 1440),
  signature_png bytea,
  signed_by text,
  created_at timestamptz not null
);
create index job_reports_case_idx on job_reports (case_id, created_at);

-- Status links sent to customers: no login, an unguessable token kept as a digest, revocable.
create table case_status_links (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  case_id uuid not null references cases (id),
  token_hash text not null unique,
  created_at timestamptz not null,
  revoked_at timestamptz
);
create index case_status_links_case_idx on case_status_links (case_id);
