import { z } from 'zod';
import {
  ZKbEntry, ZKbEntryDetail, ZKbPublished, ZKbSearchHit, ZKbVersion, type TKbEntry, type TKbEntryDetail, type TKbPublished, type TKbSearchHit, type TKbVersion,
} from '../../shared/api/knowledge.ts';
import type { TLanguage } from '../../shared/common.ts';
import type { TKbKind } from '../../shared/knowledge.ts';
import type { TApiClient } from './client.ts';

const ZHits = z.object({ items: z.array(ZKbSearchHit) });

export async function searchKnowledge(api: TApiClient, tenantId: string, q: string, language: TLanguage, signal?: AbortSignal): Promise<TKbSearchHit[]> {
  return (await api.request('/knowledge/search', { query: { tenantId, q, language }, schema: ZHits, signal })).items;
}

export function getPublished(api: TApiClient, tenantId: string, kind: TKbKind, slug: string, signal?: AbortSignal): Promise<TKbPublished> {
  return api.request(`/knowledge/published/${kind}/${encodeURIComponent(slug)}`, { query: { tenantId }, schema: ZKbPublished, signal });
}

export function sendArticle(api: TApiClient, slug: string, body: { tenantId: string; channel: 'sms' | 'email'; to: string; language: TLanguage }) {
  return api.request(`/knowledge/articles/${encodeURIComponent(slug)}/send`, { method: 'POST', body });
}

export function recordKnowledgeUse(api: TApiClient, body: { tenantId: string; entryId: string; kind: 'viewed' | 'resolved' | 'escalated' }) {
  return api.request('/knowledge/uses', { method: 'POST', body });
}

export async function listEntries(api: TApiClient, tenantId: string | null, signal?: AbortSignal): Promise<TKbEntry[]> {
  const query = tenantId ? { tenantId } : {};
  return (await api.request('/knowledge/entries', { query, schema: z.object({ items: z.array(ZKbEntry) }), signal })).items;
}

export function getEntry(api: TApiClient, id: string, signal?: AbortSignal): Promise<TKbEntryDetail> {
  return api.request(`/knowledge/entries/${encodeURIComponent(id)}`, { schema: ZKbEntryDetail, signal });
}

export function createEntry(api: TApiClient, body: { tenantId: string | null; kind: TKbKind; slug: string; content: unknown; note: string }): Promise<TKbEntryDetail> {
  return api.request('/knowledge/entries', { method: 'POST', body, schema: ZKbEntryDetail });
}

export function saveDraft(api: TApiClient, id: string, body: { content: unknown; note: string }): Promise<TKbEntryDetail> {
  return api.request(`/knowledge/entries/${encodeURIComponent(id)}/draft`, { method: 'PUT', body, schema: ZKbEntryDetail });
}

export function publishEntry(api: TApiClient, id: string, version: number): Promise<TKbEntryDetail> {
  return api.request(`/knowledge/entries/${encodeURIComponent(id)}/publish`, { method: 'POST', body: { version }, schema: ZKbEntryDetail });
}

export async function getHistory(api: TApiClient, id: string, signal?: AbortSignal): Promise<TKbVersion[]> {
  return (await api.request(`/knowledge/entries/${encodeURIComponent(id)}/history`, { schema: z.object({ items: z.array(ZKbVersion) }), signal })).items;
}
