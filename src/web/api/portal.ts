import { z } from 'zod';
import { ZKbPublished, ZKbSearchHit, ZPortalCaseResult, ZPortalStatus, ZPortalTenant } from '../../shared/api/knowledge.ts';
import type { TLanguage } from '../../shared/common.ts';
import type { TIntakeValues } from '../../shared/intake-schema.ts';
import type { TApiClient } from './client.ts';

/** The customer portal's calls: public, addressed by the business's code. */
export function createPortalApi(api: TApiClient, code: string) {
  const base = `/portal/${encodeURIComponent(code)}`;
  return {
    tenant: (language: TLanguage, signal?: AbortSignal) => api.request(base, { query: { language }, schema: ZPortalTenant, signal }),
    search: async (q: string, language: TLanguage, signal?: AbortSignal) =>
      (await api.request(`${base}/search`, { query: { q, language }, schema: z.object({ items: z.array(ZKbSearchHit) }), signal })).items,
    article: (slug: string, signal?: AbortSignal) => api.request(`${base}/articles/${encodeURIComponent(slug)}`, { schema: ZKbPublished, signal }),
    tree: (slug: string, signal?: AbortSignal) => api.request(`${base}/trees/${encodeURIComponent(slug)}`, { schema: ZKbPublished, signal }),
    feedback: (slug: string, outcome: 'resolved' | 'escalated') => api.request(`${base}/feedback`, { method: 'POST', body: { slug, outcome } }),
    status: (reference: string, phone: string) => api.request(`${base}/status`, { method: 'POST', body: { reference, phone }, schema: ZPortalStatus }),
    openCase: (body: { name: string; phone: string; intake: TIntakeValues; description: string; treeSlug?: string }) =>
      api.request(`${base}/cases`, { method: 'POST', body, schema: ZPortalCaseResult }),
  };
}

export type TPortalApi = ReturnType<typeof createPortalApi>;
