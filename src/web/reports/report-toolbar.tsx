import { useI18n } from '../i18n/i18n-context.ts';
import type { TReportPageProps } from './reports-area.tsx';

/** Client and month pickers shared by the report tabs; `allowAll` offers every client together. */
export function ReportToolbar({ filters, tenants, onChange, allowAll = true, children }: TReportPageProps & { allowAll?: boolean; children?: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="toolbar reports__toolbar">
      <div className="field field--inline">
        <label htmlFor="report-tenant">{t('reports.tenant')}</label>
        <select id="report-tenant" data-testid="report-tenant" value={filters.tenantId} onChange={(e) => onChange({ tenantId: e.target.value })}>
          {allowAll || !filters.tenantId ? <option value="">{allowAll ? t('reports.allTenants') : '—'}</option> : null}
          {tenants.map((tenant) => <option key={tenant.id} value={tenant.id}>{tenant.name}</option>)}
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor="report-month">{t('reports.month')}</label>
        <input id="report-month" data-testid="report-month" type="month" value={filters.month} required
          onChange={(e) => e.target.value && onChange({ month: e.target.value, day: `${e.target.value}-15` })} />
      </div>
      {children}
    </div>
  );
}
