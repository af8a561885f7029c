-- Notifications: an outbox written in the same transaction as the change that causes it, and
-- the append-only record of every delivery attempt.

create table notifications (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  case_id uuid references cases (id),
  channel text not null check (channel in ('email', 'sms', 'webhook')),
  purpose text not null check (purpose ~ '^[a-z][a-z0-9_]{0,62}$'),
  recipient text not null check (length(recipient) between 1 and 2048),
  subject text not null default '',
  body text not null default '',
  payload jsonb,
  idempotency_key text not null check (length(idempotency_key) between 1 and 200),
  status text not null check (status in ('queued', 'sending', 'sent', 'failed', 'delivered', 'acknowledged', 'cancelled', 'refused')),
  attempts integer not null default 0 check (attempts >= 0),
  -- When queued: the earliest next try. When sending: the end of the worker's lease, after which
  -- another worker may take the message over.
  next_attempt_at timestamptz,
  last_error text,
  provider text,
  provider_message_id text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  sent_at timestamptz,
  -- Scoped by tenant, so one tenant's key can never return another tenant's message.
  unique (tenant_id, idempotency_key)
);
create index notifications_due_idx on notifications (next_attempt_at) where status in ('queued', 'sending');
create index notifications_tenant_created_idx on notifications (tenant_id, created_at desc, id desc);
create index notifications_created_idx on notifications (created_at desc, id desc);
create index notifications_case_idx on notifications (case_id) where case_id is not null;

create table notification_attempts (
  id bigserial primary key,
  notification_id uuid not null references notifications (id),
  tenant_id uuid not null references tenants (id),
  at timestamptz not null,
  attempt integer not null check (attempt >= 0),
  status text not null check (status in ('queued', 'sent', 'failed', 'delivered', 'acknowledged', 'cancelled', 'refused')),
  detail jsonb
);
create index notification_attempts_notification_idx on notification_attempts (notification_id, id);

create function notification_attempts_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'notification_attempts is append-only';
end;
$$;
create trigger notification_attempts_no_update before update or delete on notification_attempts
  for each row execute function notification_attempts_append_only();
