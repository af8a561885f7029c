-- The line's registrar: one SIP account per operator (digest secrets as HA1 only, never the
-- password) and the contacts their phones registered, kept so a restart does not forget them.

create table sip_accounts (
  user_id uuid primary key references users (id) on delete cascade,
  extension text not null unique check (extension ~ '^[0-9]{2,8}$'),
  username text not null unique,
  -- H(username:realm:password) for MD5 and SHA-256 (RFC 2617 / 7616)
  ha1_md5 text not null,
  ha1_sha256 text not null,
  updated_at timestamptz not null default now()
);

create table sip_bindings (
  extension text not null references sip_accounts (extension) on delete cascade on update cascade,
  contact text not null,
  expires_at timestamptz not null,
  call_id text not null,
  cseq integer not null,
  user_agent text not null default '',
  transport text not null check (transport in ('udp', 'tcp')),
  source_address text not null,
  source_port integer not null,
  updated_at timestamptz not null default now(),
  primary key (extension, contact)
);
create index sip_bindings_expires_idx on sip_bindings (expires_at);

-- A bridged call may be recorded for the tenant, after its announcement.
alter table recordings drop constraint recordings_kind_check;
alter table recordings add constraint recordings_kind_check check (kind in ('voicemail', 'prompt', 'call'));
