-- The knowledge base: articles and self-diagnosis trees, per tenant or desk-wide (tenant_id null).
-- Every edit is a version; exactly one version of an entry may be published, and only published
-- content is searchable or served to callers, the portal and the console.
create table kb_entries (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants (id),
  kind text not null check (kind in ('article', 'tree')),
  slug text not null check (slug ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  published_version integer,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
-- A slug names one entry per tenant, and one desk-wide entry.
create unique index kb_entries_slug_idx on kb_entries (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), slug);

create table kb_versions (
  entry_id uuid not null references kb_entries (id),
  version integer not null check (version > 0),
  status text not null check (status in ('draft', 'published', 'superseded')),
  content jsonb not null,
  note text not null default '',
  author_id text not null,
  author_name text not null,
  created_at timestamptz not null,
  published_at timestamptz,
  published_by text,
  primary key (entry_id, version)
);
create unique index kb_versions_one_published_idx on kb_versions (entry_id) where status = 'published';
create unique index kb_versions_one_draft_idx on kb_versions (entry_id) where status = 'draft';

-- The published text, one row per language, folded (lower case, no accents) for search.
create table kb_search (
  entry_id uuid not null references kb_entries (id),
  language text not null check (language in ('es', 'ca', 'en')),
  title text not null,
  summary text not null,
  document tsvector not null,
  primary key (entry_id, language)
);
create index kb_search_document_idx on kb_search using gin (document);

-- What callers and customers did with the knowledge base: the system-first measures.
create table kb_uses (
  id bigserial primary key,
  tenant_id uuid not null references tenants (id),
  entry_id uuid not null references kb_entries (id),
  channel text not null check (channel in ('ivr', 'portal', 'console')),
  kind text not null check (kind in ('viewed', 'resolved', 'escalated')),
  call_id uuid,
  at timestamptz not null
);
create index kb_uses_tenant_at_idx on kb_uses (tenant_id, at);
