import type { z } from 'zod';
import type { ZCreateKbEntry, ZPublishKbEntry, ZSaveKbDraft } from '../../shared/api/knowledge.ts';
import { languages } from '../../shared/common.ts';
import type { TArticleContent, TKbKind, TTreeContent } from '../../shared/knowledge.ts';
import { requirePermission, requireTenant, type Principal } from '../auth/principal.ts';
import { AppError, invalidField, notFound } from '../platform/errors.ts';
import { checkTreeLinks, parseContent } from './check-content.ts';
import { requireEntryAccess } from './knowledge-access.ts';
import type { KnowledgeDeps } from './knowledge-deps.ts';
import { createKnowledgeRepository } from './knowledge-repository.ts';
import { getEntryDetail } from './query-knowledge.ts';
import { foldText, markdownWords } from './search-text.ts';

/** Who wrote a version, as the history shows it; the phone line and the seed act as 'system'. */
export type KbAuthor = Principal | 'system';
const authorOf = (who: KbAuthor) => (who === 'system' ? { authorId: 'system', authorName: 'System' } : { authorId: who.id, authorName: who.name });

function requireWrite(who: KbAuthor, tenantId: string | null) {
  if (who === 'system') return;
  requirePermission(who, 'knowledge.write');
  if (tenantId) requireTenant(who, tenantId);
  else if (!who.allTenants) throw new AppError('forbidden', 'only a desk-wide administrator may change the shared knowledge base');
}

/** A new article or tree, as a first draft. */
export async function createKbEntry(deps: KnowledgeDeps, who: KbAuthor, input: z.output<typeof ZCreateKbEntry>) {
  requireWrite(who, input.tenantId);
  if (input.tenantId && !(await deps.tenants.findTenant(input.tenantId))) throw notFound('tenant');
  const content = parseContent(input.kind, input.content);
  const at = deps.clock.now();
  const id = await deps.db.transaction(async (tx) => {
    const repo = createKnowledgeRepository(tx);
    const entryId = await repo.insertEntry(tx, { tenantId: input.tenantId, kind: input.kind, slug: input.slug, at });
    if (!entryId) throw invalidField('slug', 'already used in this knowledge base');
    await repo.insertDraft(tx, { entryId, content, note: input.note, ...authorOf(who), at });
    return entryId;
  });
  return getEntryDetail(deps, who, id);
}

/** Saves the working draft: the open draft is overwritten, or a new one starts after the published version. */
export async function saveKbDraft(deps: KnowledgeDeps, who: KbAuthor, entryId: string, input: z.output<typeof ZSaveKbDraft>) {
  const entry = await deps.knowledge.findEntry(entryId);
  if (who !== 'system') requireEntryAccess(who, entry, 'knowledge.write');
  if (!entry) throw notFound('knowledge entry');
  const content = parseContent(entry.kind, input.content);
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const repo = createKnowledgeRepository(tx);
    await repo.lockEntry(tx, entryId);
    const latest = (await repo.listVersions(entryId))[0];
    const draft = { entryId, content, note: input.note, ...authorOf(who), at };
    if (latest?.status === 'draft') await repo.updateDraft(tx, { ...draft, version: latest.version });
    else await repo.insertDraft(tx, draft);
    await repo.touchEntry(tx, entryId, at);
  });
  return getEntryDetail(deps, who, entryId);
}

/**
 * Publishes a draft: from this commit on, the phone line, the portal and the console serve it.
 * The searchable text is rewritten in the same transaction, so search never shows another version.
 */
export async function publishKbEntry(deps: KnowledgeDeps, who: KbAuthor, entryId: string, input: z.output<typeof ZPublishKbEntry>) {
  const entry = await deps.knowledge.findEntry(entryId);
  if (who !== 'system') requireEntryAccess(who, entry, 'knowledge.write');
  if (!entry) throw notFound('knowledge entry');
  const version = await deps.knowledge.findVersion(entryId, input.version);
  if (!version) throw invalidField('version', 'no such version');
  if (version.status !== 'draft') throw new AppError('conflict', `version ${input.version} is ${version.status}, not a draft`);
  const content = parseContent(entry.kind, version.content);
  if (entry.kind === 'tree') await checkTreeLinks(deps, entry.tenantId, content as TTreeContent);
  const at = deps.clock.now();
  const by = authorOf(who).authorName;
  await deps.db.transaction(async (tx) => {
    const repo = createKnowledgeRepository(tx);
    await repo.lockEntry(tx, entryId);
    const again = await repo.findVersion(entryId, input.version);
    if (again?.status !== 'draft') throw new AppError('conflict', `version ${input.version} was published meanwhile`);
    await repo.publish(tx, entryId, input.version, by, at);
    await repo.replaceSearchRows(tx, entryId, searchRows(entry.kind, content as TArticleContent | TTreeContent));
  });
  deps.events.emit('knowledge.published', { tenantId: entry.tenantId, entryId, slug: entry.slug, version: input.version });
  return getEntryDetail(deps, who, entryId);
}

function searchRows(kind: TKbKind, content: TArticleContent | TTreeContent) {
  if (kind === 'article') {
    const { variants } = content as TArticleContent;
    return languages.flatMap((language) => {
      const v = variants[language];
      return v ? [{ language, title: v.title, summary: v.summary, folded: foldText(`${v.title} ${v.title} ${v.summary} ${markdownWords(v.body)}`) }] : [];
    });
  }
  const tree = content as TTreeContent;
  return languages.flatMap((language) => {
    const title = tree.title[language];
    if (!title) return [];
    const questions = Object.values(tree.nodes).map((n) => n.question[language] ?? '');
    const first = tree.nodes[tree.start]?.question[language] ?? '';
    return [{ language, title, summary: first, folded: foldText(`${title} ${title} ${questions.join(' ')}`) }];
  });
}
