import type { TKbEntry, TKbEntryDetail, TKbVersion } from '../../shared/api/knowledge.ts';
import { labelIn, pickLanguage, type TArticleContent, type TKbKind, type TTreeContent } from '../../shared/knowledge.ts';
import { requirePermission, requireTenant, type Principal } from '../auth/principal.ts';
import { notFound } from '../platform/errors.ts';
import { requireEntryAccess } from './knowledge-access.ts';
import type { KnowledgeDeps } from './knowledge-deps.ts';
import type { KbEntryRow, KbVersionRow } from './knowledge-repository.ts';

export function titleOf(kind: TKbKind, content: unknown): string {
  if (kind === 'article') return pickLanguage((content as TArticleContent).variants, 'es')?.value.title ?? '';
  return labelIn((content as TTreeContent).title, 'es');
}

function toEntry(row: KbEntryRow): TKbEntry {
  const status = row.publishedVersion === null ? 'draft' : row.publishedVersion === row.latestVersion ? 'published' : 'changed';
  return {
    id: row.id, tenantId: row.tenantId, kind: row.kind, slug: row.slug, title: titleOf(row.kind, row.latestContent), status,
    publishedVersion: row.publishedVersion, latestVersion: row.latestVersion, updatedAt: row.updatedAt.toISOString(),
  };
}

/** The leaves of a JSON document, keyed by path, so two versions can be compared field by field. */
function leaves(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) leaves(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** What changed, at the depth an editor recognises: `variants.es.summary`, `nodes.drain`. */
export function describeChanges(before: unknown, after: unknown): string[] {
  if (before === undefined) return ['created'];
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  const changed = new Set<string>();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) !== b.get(key)) changed.add(key.split('.').slice(0, 3).join('.').replace(/^nodes\.([^.]+)\..*$/, 'nodes.$1'));
  }
  return [...changed].sort();
}

function toVersions(rows: KbVersionRow[]): TKbVersion[] {
  // rows are newest first; each is compared with the one published or saved before it.
  return rows.map((row, i) => ({
    version: row.version, status: row.status, content: row.content, note: row.note, authorName: row.authorName,
    createdAt: row.createdAt.toISOString(), publishedAt: row.publishedAt?.toISOString() ?? null, publishedBy: row.publishedBy,
    changes: describeChanges(rows[i + 1]?.content, row.content),
  }));
}

export async function listKbEntries(deps: KnowledgeDeps, principal: Principal, query: { tenantId?: string; kind?: TKbKind }) {
  requirePermission(principal, 'knowledge.read');
  if (query.tenantId) requireTenant(principal, query.tenantId);
  const rows = await deps.knowledge.listEntries(query.tenantId ?? null, query.kind ?? null);
  return { items: rows.map(toEntry) };
}

export async function getEntryDetail(deps: KnowledgeDeps, who: Principal | 'system', entryId: string): Promise<TKbEntryDetail> {
  const entry = await deps.knowledge.findEntry(entryId);
  if (who !== 'system') requireEntryAccess(who, entry, 'knowledge.read');
  if (!entry) throw notFound('knowledge entry');
  const versions = toVersions(await deps.knowledge.listVersions(entryId));
  return { ...toEntry(entry), latest: versions[0]!, published: versions.find((v) => v.status === 'published') ?? null };
}

export async function getEntryHistory(deps: KnowledgeDeps, principal: Principal, entryId: string) {
  const entry = await deps.knowledge.findEntry(entryId);
  requireEntryAccess(principal, entry, 'knowledge.read');
  return { items: toVersions(await deps.knowledge.listVersions(entryId)) };
}
