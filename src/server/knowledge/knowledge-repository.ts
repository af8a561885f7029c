import type { TLanguage } from '../../shared/common.ts';
import type { TKbKind } from '../../shared/knowledge.ts';
import type { Queryable } from '../platform/db/database.ts';
import { queryOne } from '../platform/db/database.ts';

export interface KbEntryRow {
  id: string;
  tenantId: string | null;
  kind: TKbKind;
  slug: string;
  publishedVersion: number | null;
  latestVersion: number;
  latestContent: unknown;
  createdAt: Date;
  updatedAt: Date;
}

export interface KbVersionRow {
  entryId: string;
  version: number;
  status: 'draft' | 'published' | 'superseded';
  content: unknown;
  note: string;
  authorId: string;
  authorName: string;
  createdAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export interface KbSearchRow {
  entryId: string;
  tenantId: string | null;
  kind: TKbKind;
  slug: string;
  language: TLanguage;
  title: string;
  summary: string;
}

export interface KbUseCount {
  entryId: string;
  kind: TKbKind;
  slug: string;
  channel: 'ivr' | 'portal' | 'console';
  views: number;
  resolutions: number;
  escalations: number;
}

const entryColumns = `e.id, e.tenant_id as "tenantId", e.kind, e.slug, e.published_version as "publishedVersion",
  e.created_at as "createdAt", e.updated_at as "updatedAt", v.version as "latestVersion", v.content as "latestContent"`;
const latestJoin = `join lateral (select version, content from kb_versions where entry_id = e.id order by version desc limit 1) v on true`;
const versionColumns = `entry_id as "entryId", version, status, content, note, author_id as "authorId", author_name as "authorName",
  created_at as "createdAt", published_at as "publishedAt", published_by as "publishedBy"`;
/** A tenant sees its own entries and the desk-wide ones; its own win when both use a slug. */
const visibleTo = `(e.tenant_id = $1 or e.tenant_id is null)`;

export function createKnowledgeRepository(db: Queryable) {
  return {
    findEntry: (id: string) => queryOne<KbEntryRow>(db, `select ${entryColumns} from kb_entries e ${latestJoin} where e.id = $1`, [id]),

    listEntries: (tenantId: string | null, kind: TKbKind | null) =>
      db.query<KbEntryRow>(
        `select ${entryColumns} from kb_entries e ${latestJoin}
         where ${tenantId ? visibleTo : 'e.tenant_id is null'} and ($2::text is null or e.kind = $2)
         order by e.kind, e.slug`,
        [tenantId, kind],
      ),

    listVersions: (entryId: string) =>
      db.query<KbVersionRow>(`select ${versionColumns} from kb_versions where entry_id = $1 order by version desc`, [entryId]),

    findVersion: (entryId: string, version: number) =>
      queryOne<KbVersionRow>(db, `select ${versionColumns} from kb_versions where entry_id = $1 and version = $2`, [entryId, version]),

    /** The published entry a tenant's channels use for a slug: the tenant's own before the desk-wide one. */
    findPublishedBySlug: (tenantId: string, kind: TKbKind, slug: string) =>
      queryOne<KbVersionRow & { tenantId: string | null }>(
        db,
        `select v.entry_id as "entryId", v.version, v.status, v.content, v.note, v.author_id as "authorId", v.author_name as "authorName",
           v.created_at as "createdAt", v.published_at as "publishedAt", v.published_by as "publishedBy", e.tenant_id as "tenantId"
         from kb_entries e join kb_versions v on v.entry_id = e.id and v.version = e.published_version
         where ${visibleTo} and e.kind = $2 and e.slug = $3
         order by e.tenant_id nulls last limit 1`,
        [tenantId, kind, slug],
      ),

    listPublishedTrees: (tenantId: string) =>
      db.query<{ slug: string; content: unknown }>(
        `select distinct on (e.slug) e.slug, v.content
         from kb_entries e join kb_versions v on v.entry_id = e.id and v.version = e.published_version
         where ${visibleTo} and e.kind = 'tree' order by e.slug, e.tenant_id nulls last`,
        [tenantId],
      ),

    /** Published content matching every word (as a prefix), best first; tenant entries shadow desk-wide ones of the same slug. */
    search: (tenantId: string, tsquery: string | null, language: TLanguage, kind: TKbKind | null, limit: number) =>
      db.query<KbSearchRow>(
        `select * from (
           select distinct on (e.kind, e.slug) s.entry_id as "entryId", e.tenant_id as "tenantId", e.kind, e.slug, s.language, s.title, s.summary,
             case when $2::text is null then 0 else ts_rank(s.document, to_tsquery('simple', $2)) end as rank
           from kb_search s join kb_entries e on e.id = s.entry_id
           where ${visibleTo} and ($4::text is null or e.kind = $4)
             and ($2::text is null or s.document @@ to_tsquery('simple', $2))
           order by e.kind, e.slug, e.tenant_id nulls last, (s.language = $3) desc, s.language
         ) hits order by rank desc, title limit $5`,
        [tenantId, tsquery, language, kind, limit],
      ),

    async insertEntry(tx: Queryable, e: { tenantId: string | null; kind: TKbKind; slug: string; at: Date }): Promise<string> {
      const row = await queryOne<{ id: string }>(
        tx,
        `insert into kb_entries (tenant_id, kind, slug, created_at, updated_at) values ($1, $2, $3, $4, $4)
         on conflict do nothing returning id`,
        [e.tenantId, e.kind, e.slug, e.at],
      );
      return row?.id ?? '';
    },

    /** Locks the entry for the rest of the transaction: drafts and publications of one entry go one at a time. */
    lockEntry: (tx: Queryable, id: string) =>
      queryOne<{ id: string }>(tx, `select id from kb_entries where id = $1 for update`, [id]),

    insertDraft: async (tx: Queryable, v: { entryId: string; content: unknown; note: string; authorId: string; authorName: string; at: Date }) =>
      (await queryOne<{ version: number }>(
        tx,
        `insert into kb_versions (entry_id, version, status, content, note, author_id, author_name, created_at)
         values ($1, (select coalesce(max(version), 0) + 1 from kb_versions where entry_id = $1), 'draft', $2::jsonb, $3, $4, $5, $6)
         returning version`,
        [v.entryId, JSON.stringify(v.content), v.note, v.authorId, v.authorName, v.at],
      ))!.version,

    updateDraft: (tx: Queryable, v: { entryId: string; version: number; content: unknown; note: string; authorId: string; authorName: string; at: Date }) =>
      tx.query(
        `update kb_versions set content = $3::jsonb, note = $4, author_id = $5, author_name = $6, created_at = $7
         where entry_id = $1 and version = $2 and status = 'draft'`,
        [v.entryId, v.version, JSON.stringify(v.content), v.note, v.authorId, v.authorName, v.at],
      ),

    async publish(tx: Queryable, entryId: string, version: number, by: string, at: Date) {
      await tx.query(`update kb_versions set status = 'superseded' where entry_id = $1 and status = 'published'`, [entryId]);
      await tx.query(`update kb_versions set status = 'published', published_at = $3, published_by = $4 where entry_id = $1 and version = $2`, [
        entryId, version, at, by,
      ]);
      await tx.query(`update kb_entries set published_version = $2, updated_at = $3 where id = $1`, [entryId, version, at]);
    },

    touchEntry: (tx: Queryable, entryId: string, at: Date) => tx.query(`update kb_entries set updated_at = $2 where id = $1`, [entryId, at]),

    async replaceSearchRows(tx: Queryable, entryId: string, rows: { language: TLanguage; title: string; summary: string; folded: string }[]) {
      await tx.query(`delete from kb_search where entry_id = $1`, [entryId]);
      for (const r of rows) {
        await tx.query(
          `insert into kb_search (entry_id, language, title, summary, document) values ($1, $2, $3, $4, to_tsvector('simple', $5))`,
          [entryId, r.language, r.title, r.summary, r.folded],
        );
      }
    },

    insertUses: async (uses: { tenantId: string; entryId: string; channel: 'ivr' | 'portal' | 'console'; kind: 'viewed' | 'resolved' | 'escalated'; callId: string | null; at: Date }[]) => {
      for (const u of uses) {
        await db.query(`insert into kb_uses (tenant_id, entry_id, channel, kind, call_id, at) values ($1, $2, $3, $4, $5, $6)`, [
          u.tenantId, u.entryId, u.channel, u.kind, u.callId, u.at,
        ]);
      }
    },

    countUses: (tenantId: string, from: Date, to: Date) =>
      db.query<KbUseCount>(
        `select u.entry_id as "entryId", e.kind, e.slug, u.channel,
           count(*) filter (where u.kind = 'viewed')::int as views,
           count(*) filter (where u.kind = 'resolved')::int as resolutions,
           count(*) filter (where u.kind = 'escalated')::int as escalations
         from kb_uses u join kb_entries e on e.id = u.entry_id
         where u.tenant_id = $1 and u.at >= $2 and u.at < $3
         group by u.entry_id, e.kind, e.slug, u.channel order by e.slug, u.channel`,
        [tenantId, from, to],
      ),
  };
}

export type KnowledgeRepository = ReturnType<typeof createKnowledgeRepository>;
