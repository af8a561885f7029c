import { useEffect, useState, type FormEvent } from 'react';
import { billingRoundings, type TReportSettings, type TReportSettingsPatch } from '../../shared/api/reports.ts';
import { getReportSettings, patchReportSettings } from '../api/reports.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { useApi, useMe } from '../session/session-context.ts';
import type { TReportPageProps } from './reports-area.tsx';

type TKey = keyof TReportSettings;
const numeric: readonly TKey[] = ['seatCostPerHour', 'telephonyCostPerMinute', 'missedCallValue', 'serviceLevelTarget', 'serviceLevelSeconds', 'maxOccupancy', 'shrinkage'];
const labelOf = (key: TKey) => `reports.settings.${key}` as TMessageKey;

/** Prices and targets for the whole desk, or one client's overrides; an empty field inherits the desk's value. */
export function SettingsPage({ filters, tenants, onChange }: TReportPageProps) {
  const { t } = useI18n();
  const api = useApi();
  const me = useMe();
  const tenantId = filters.tenantId || null;
  const canEdit = me.user.role === 'admin';
  const settings = useAsync((signal) => (tenantId || me.user.allTenants ? getReportSettings(api, tenantId, signal) : Promise.resolve(null)), [api, tenantId]);
  const [draft, setDraft] = useState<Partial<Record<TKey, string>>>({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const own = settings.data?.overrides ?? {};
    setDraft(Object.fromEntries(Object.entries(own).map(([k, v]) => [k, String(v)])));
  }, [settings.data]);
  // The confirmation stays through the reload that follows a save, and goes with a change of scope.
  useEffect(() => setSaved(false), [tenantId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const patch: Record<string, unknown> = {};
    for (const key of [...numeric, 'currency', 'billingRounding'] as TKey[]) {
      const text = (draft[key] ?? '').trim();
      patch[key] = text === '' ? null : numeric.includes(key) ? Number(text.replace(',', '.')) : text;
    }
    try {
      await patchReportSettings(api, tenantId, patch as TReportSettingsPatch);
      setSaved(true);
      settings.reload();
    } catch (caught) {
      setError(caught);
    }
  };

  const data = settings.data;
  return (
    <>
      <div className="toolbar reports__toolbar">
        <div className="field field--inline">
          <label htmlFor="settings-scope">{t('reports.settings.scope')}</label>
          <select id="settings-scope" value={filters.tenantId} onChange={(e) => onChange({ tenantId: e.target.value })}>
            {me.user.allTenants ? <option value="">{t('reports.settings.desk')}</option> : <option value="">—</option>}
            {tenants.map((tenant) => <option key={tenant.id} value={tenant.id}>{tenant.name}</option>)}
          </select>
        </div>
      </div>
      {settings.status === 'loading' ? <LoadingState /> : null}
      {settings.status === 'failed' ? <ErrorNotice error={settings.error} onRetry={settings.reload} /> : null}
      {data ? (
        <form className="report-panel settings-form" onSubmit={submit} data-testid="report-settings">
          <h2 className="report-panel__title">{t('reports.settings.title')}</h2>
          {!canEdit ? <p className="notice notice--info">{t('reports.settings.readOnly')}</p> : null}
          <div className="settings-form__grid">
            <div className="field">
              <label htmlFor="setting-currency">{t('reports.settings.currency')}</label>
              <input id="setting-currency" value={draft.currency ?? ''} disabled={!canEdit} maxLength={3}
                placeholder={t('reports.settings.inherited', { value: (tenantId ? data.desk : data.effective).currency })}
                onChange={(e) => setDraft({ ...draft, currency: e.target.value.toUpperCase() })} />
            </div>
            {numeric.map((key) => (
              <div className="field" key={key}>
                <label htmlFor={`setting-${key}`}>{t(labelOf(key))}</label>
                <input id={`setting-${key}`} inputMode="decimal" value={draft[key] ?? ''} disabled={!canEdit}
                  placeholder={t('reports.settings.inherited', { value: String((tenantId ? data.desk : data.effective)[key]) })}
                  onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
              </div>
            ))}
            <div className="field">
              <label htmlFor="setting-billingRounding">{t('reports.settings.billingRounding')}</label>
              <select id="setting-billingRounding" value={draft.billingRounding ?? ''} disabled={!canEdit} onChange={(e) => setDraft({ ...draft, billingRounding: e.target.value })}>
                <option value="">{t('reports.settings.inherited', { value: t(`reports.rounding.${(tenantId ? data.desk : data.effective).billingRounding}` as TMessageKey) })}</option>
                {billingRoundings.map((r) => <option key={r} value={r}>{t(`reports.rounding.${r}` as TMessageKey)}</option>)}
              </select>
            </div>
          </div>
          <div aria-live="polite">
            {error ? <ErrorNotice error={error} /> : null}
            {saved ? <p className="notice notice--info" data-testid="settings-saved">{t('reports.settings.saved')}</p> : null}
          </div>
          {canEdit ? <button type="submit" className="button button--primary">{t('reports.settings.save')}</button> : null}
        </form>
      ) : null}
    </>
  );
}
