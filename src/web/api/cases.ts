import { z } from 'zod';
import { ZCase, ZCasePage, ZTimelineEntry, type TCase, type TTimelineEntry } from '../../shared/api/cases.ts';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import type { TApiClient } from './client.ts';

export type TCaseFilters = {
  reference?: string;
  phone?: string;
  q?: string;
  statuses: readonly TCaseStatus[];
  tenantId?: string;
};

export type TCasePage = z.infer<typeof ZCasePage>;

export function listCases(
  api: TApiClient,
  filters: TCaseFilters,
  page: { limit: number; cursor?: string | null },
  signal?: AbortSignal,
): Promise<TCasePage> {
  return api.request('/cases', {
    query: {
      reference: filters.reference,
      phone: filters.phone,
      q: filters.q,
      status: filters.statuses.join(','),
      tenant: filters.tenantId,
      limit: page.limit,
      cursor: page.cursor,
    },
    schema: ZCasePage,
    signal,
  });
}

export function getCase(api: TApiClient, idOrReference: string, signal?: AbortSignal): Promise<TCase> {
  return api.request(`/cases/${encodeURIComponent(idOrReference)}`, { schema: ZCase, signal });
}

const ZTimeline = z.object({ items: z.array(ZTimelineEntry) });

export async function getTimeline(api: TApiClient, caseId: string, signal?: AbortSignal): Promise<TTimelineEntry[]> {
  const timeline = await api.request(`/cases/${encodeURIComponent(caseId)}/timeline`, { schema: ZTimeline, signal });
  return timeline.items;
}

export function transitionCase(api: TApiClient, caseId: string, to: TCaseStatus, note?: string): Promise<TCase> {
  const body = note ? { to, note } : { to };
  return api.request(`/cases/${encodeURIComponent(caseId)}/transitions`, { method: 'POST', body, schema: ZCase });
}

export function addCaseNote(api: TApiClient, caseId: string, text: string): Promise<TCase> {
  return api.request(`/cases/${encodeURIComponent(caseId)}/notes`, { method: 'POST', body: { text }, schema: ZCase });
}
