import { useMemo } from 'react';
import { listTenants } from '../api/tenants.ts';
import { useAsync } from '../common/use-async.ts';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { Link } from '../router/link.tsx';
import { useLocation } from '../router/use-location.ts';
import { useApi, useMe } from '../session/session-context.ts';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { OverviewPage } from './overview-page.tsx';
import { readReportFilters, reportFiltersSearch, updateReportFilters, type TReportFilters } from './report-filters.ts';
import { SettingsPage } from './settings-page.tsx';
import { StaffingPage } from './staffing-page.tsx';
import { UsagePage } from './usage-page.tsx';

type TTab = 'overview' | 'staffing' | 'usage' | 'settings';
const tabs: readonly { id: TTab; path: string; label: TMessageKey }[] = [
  { id: 'overview', path: '/reports', label: 'reports.tab.overview' },
  { id: 'staffing', path: '/reports/staffing', label: 'reports.tab.staffing' },
  { id: 'usage', path: '/reports/usage', label: 'reports.tab.usage' },
  { id: 'settings', path: '/reports/settings', label: 'reports.tab.settings' },
];

export type TReportPageProps = {
  filters: TReportFilters;
  tenants: readonly { id: string; name: string }[];
  onChange: (change: Partial<TReportFilters>) => void;
};

/** The reports area: one set of filters (client, month, day) kept in the address across its tabs. */
export function ReportsArea({ tab }: { tab: TTab }) {
  const { t } = useI18n();
  const api = useApi();
  const me = useMe();
  const { pathname, search } = useLocation();
  useDocumentTitle(t('reports.title'));
  const filters = useMemo(() => readReportFilters(search), [search]);
  const tenants = useAsync((signal) => listTenants(api, signal), [api]);
  if (me.user.role !== 'admin' && me.user.role !== 'manager') return <NotFoundPage />;
  const props: TReportPageProps = {
    filters,
    tenants: tenants.data ?? [],
    onChange: (change) => updateReportFilters(pathname, filters, change),
  };
  return (
    <section className="page reports" aria-labelledby="reports-title">
      <header className="page__header reports__header">
        <h1 className="page__title" id="reports-title">{t('reports.title')}</h1>
        <nav className="reports__tabs" aria-label={t('reports.title')}>
          {tabs.map((item) => (
            <Link key={item.id} to={item.path + reportFiltersSearch(filters)} className="reports__tab" aria-current={item.id === tab ? 'page' : undefined}>
              {t(item.label)}
            </Link>
          ))}
        </nav>
      </header>
      {tab === 'overview' ? <OverviewPage {...props} /> : null}
      {tab === 'staffing' ? <StaffingPage {...props} /> : null}
      {tab === 'usage' ? <UsagePage {...props} /> : null}
      {tab === 'settings' ? <SettingsPage {...props} /> : null}
    </section>
  );
}
