-- Operators' skills for the queues (the tenants they answer for, languages, level), what each
-- tenant's operators read when they pick up, and the tenant's wrap-up codes.

create table operator_skills (
  user_id uuid primary key references users (id) on delete cascade,
  -- null: every tenant the operator may see
  tenant_ids uuid[],
  languages text[] not null default '{es}' check (languages <@ array['es', 'ca', 'en']),
  level integer not null default 1 check (level between 1 and 5),
  updated_at timestamptz not null default now()
);

-- {"es": "...", "ca": "...", "en": "..."}; `{operator}` stands for the operator's name
alter table tenants add column operator_greeting jsonb not null default '{}';
-- null: the default codes
alter table tenants add column wrap_up_codes text[];

-- Notes typed at wrap-up, kept with the stay when no case is linked.
alter table queue_calls add column wrap_up_notes text;
