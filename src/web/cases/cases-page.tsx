import { useCallback, useMemo } from 'react';
import { DispatchAlerts } from '../dispatch/dispatch-alerts.tsx';
import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import { listTenants } from '../api/tenants.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { navigate } from '../router/history.ts';
import { useLocation } from '../router/use-location.ts';
import { useApi, useMe } from '../session/session-context.ts';
import { CasesTable } from './cases-table.tsx';
import { hasActiveFilters, listFiltersPath, readListFilters, toApiFilters, type TListFilters } from './case-list-filters.ts';
import { SearchBox } from './search-box.tsx';
import { StatusChips } from './status-chips.tsx';
import { TenantSelect } from './tenant-select.tsx';
import { useCaseList } from './use-case-list.ts';

export function CasesPage() {
  const { t } = useI18n();
  const api = useApi();
  const { search } = useLocation();
  useDocumentTitle(t('cases.title'));

  const filters = useMemo(() => readListFilters(search), [search]);
  const apiFilters = useMemo(() => toApiFilters(filters), [filters]);
  const list = useCaseList(apiFilters);
  const tenants = useAsync((signal) => listTenants(api, signal), [api]);

  const update = useCallback(
    (change: Partial<TListFilters>) => navigate(listFiltersPath({ ...readListFilters(window.location.search), ...change }), { replace: true }),
    [],
  );
  const onSearch = useCallback((text: string) => update({ search: text }), [update]);
  const onStatuses = useCallback((statuses: TCaseStatus[]) => update({ statuses }), [update]);
  const onTenant = useCallback((tenantId: string) => update({ tenantId }), [update]);

  const tenantList = tenants.data ?? [];
  const filtered = hasActiveFilters(filters);

  const canDispatch = ['admin', 'operator'].includes(useMe().user.role);
  return (
    <section className="page" aria-labelledby="cases-title">
      <header className="page__header">
        <h1 className="page__title" id="cases-title">
          {t('cases.title')}
        </h1>
      </header>
      {canDispatch ? <DispatchAlerts /> : null}
      <div className="toolbar">
        <SearchBox value={filters.search} onSearch={onSearch} />
        {tenantList.length > 1 ? <TenantSelect tenants={tenantList} value={filters.tenantId} onChange={onTenant} /> : null}
      </div>
      <StatusChips selected={filters.statuses} onChange={onStatuses} />

      {list.phase === 'loading' ? <LoadingState /> : null}
      {list.phase === 'failed' && list.items.length === 0 ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.phase !== 'loading' && list.phase !== 'failed' && list.items.length === 0 ? (
        <div className="empty-state" data-testid="cases-empty">
          <p>{filtered ? t('cases.emptyFiltered') : t('cases.empty')}</p>
          {filtered ? (
            <button type="button" className="button" onClick={() => navigate('/cases', { replace: true })}>
              {t('cases.clearFilters')}
            </button>
          ) : null}
        </div>
      ) : null}

      {list.items.length > 0 && list.phase !== 'loading' ? (
        <>
          <CasesTable items={list.items} />
          <div className="list-footer">
            <p className="muted" aria-live="polite">
              {list.items.length === 1 ? t('cases.shownOne') : t('cases.shown', { count: list.items.length })}
            </p>
            {list.phase === 'failed' ? <ErrorNotice error={list.error} onRetry={list.loadMore} /> : null}
            {list.hasMore && list.phase !== 'failed' ? (
              <button
                type="button"
                className="button"
                data-testid="load-more"
                disabled={list.phase === 'loadingMore'}
                aria-busy={list.phase === 'loadingMore'}
                onClick={list.loadMore}
              >
                {list.phase === 'loadingMore' ? <span className="spinner" aria-hidden="true" /> : null}
                {list.phase === 'loadingMore' ? t('cases.loadingMore') : t('cases.loadMore')}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}
