import type { TTenantSummary } from '../api/tenants.ts';
import { useI18n } from '../i18n/i18n-context.ts';

type TTenantSelectProps = { tenants: readonly TTenantSummary[]; value: string; onChange: (tenantId: string) => void };

export function TenantSelect({ tenants, value, onChange }: TTenantSelectProps) {
  const { t } = useI18n();
  return (
    <div className="field field--inline">
      <label htmlFor="tenant-filter">{t('cases.tenantFilter')}</label>
      <select
        id="tenant-filter"
        data-testid="tenant-filter"
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{t('cases.allTenants')}</option>
        {tenants.map((tenant) => (
          <option key={tenant.id} value={tenant.id}>
            {tenant.name}
          </option>
        ))}
      </select>
    </div>
  );
}
