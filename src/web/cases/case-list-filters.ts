import { caseStatuses, type TCaseStatus } from '../../shared/case-lifecycle.ts';
import type { TCaseFilters } from '../api/cases.ts';
import { classifySearch } from './search-classifier.ts';

/** What the list screen keeps in its address, so that back, reload and shared links restore it. */
export type TListFilters = { search: string; statuses: TCaseStatus[]; tenantId: string };

function isStatus(value: string): value is TCaseStatus {
  return (caseStatuses as readonly string[]).includes(value);
}

export function readListFilters(search: string): TListFilters {
  const params = new URLSearchParams(search);
  const statuses = (params.get('status') ?? '').split(',').filter(isStatus);
  return {
    search: params.get('search') ?? '',
    statuses: caseStatuses.filter((s) => statuses.includes(s)),
    tenantId: params.get('tenant') ?? '',
  };
}

export function listFiltersPath(filters: TListFilters): string {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set('search', filters.search.trim());
  if (filters.statuses.length > 0) params.set('status', filters.statuses.join(','));
  if (filters.tenantId) params.set('tenant', filters.tenantId);
  const query = params.toString();
  return query ? `/cases?${query}` : '/cases';
}

export function hasActiveFilters(filters: TListFilters): boolean {
  return filters.search.trim() !== '' || filters.statuses.length > 0 || filters.tenantId !== '';
}

export function toApiFilters(filters: TListFilters): TCaseFilters {
  const classified = classifySearch(filters.search);
  return {
    reference: classified?.kind === 'reference' ? classified.value : undefined,
    phone: classified?.kind === 'phone' ? classified.value : undefined,
    q: classified?.kind === 'text' ? classified.value : undefined,
    statuses: filters.statuses,
    tenantId: filters.tenantId || undefined,
  };
}
