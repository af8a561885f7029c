import type { TKbPublished, TKbSearchHit } from '../../shared/api/knowledge.ts';
import type { TLanguage } from '../../shared/common.ts';
import type { TKbKind } from '../../shared/knowledge.ts';
import { notFound } from '../platform/errors.ts';
import type { KnowledgeRepository } from './knowledge-repository.ts';
import { toPrefixQuery } from './search-text.ts';

/**
 * What every channel reads: the published version only, the tenant's own entry before a desk-wide
 * one with the same slug. The phone line, the portal and the console all come through here.
 */
export async function findPublished(repo: KnowledgeRepository, tenantId: string, kind: TKbKind, slug: string): Promise<TKbPublished | undefined> {
  const row = await repo.findPublishedBySlug(tenantId, kind, slug);
  return row && { entryId: row.entryId, kind, slug, version: row.version, deskWide: row.tenantId === null, content: row.content };
}

export async function getPublished(repo: KnowledgeRepository, tenantId: string, kind: TKbKind, slug: string): Promise<TKbPublished> {
  const found = await findPublished(repo, tenantId, kind, slug);
  if (!found) throw notFound(kind === 'article' ? 'article' : 'self-diagnosis');
  return found;
}

export async function searchPublished(
  repo: KnowledgeRepository,
  tenantId: string,
  query: { q: string; language: TLanguage; kind?: TKbKind },
  limit = 20,
): Promise<TKbSearchHit[]> {
  const rows = await repo.search(tenantId, toPrefixQuery(query.q), query.language, query.kind ?? null, limit);
  return rows.map((r) => ({ entryId: r.entryId, kind: r.kind, slug: r.slug, language: r.language, title: r.title, summary: r.summary, deskWide: r.tenantId === null }));
}
