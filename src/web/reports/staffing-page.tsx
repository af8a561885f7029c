import { useState } from 'react';
import { getStaffingPlan } from '../api/reports.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useAsync } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';
import { StaffingChart } from './charts/staffing-chart.tsx';
import { downloadCsv, toCsv } from './csv.ts';
import { ReportProgress } from './report-progress.tsx';
import { ReportToolbar } from './report-toolbar.tsx';
import type { TReportPageProps } from './reports-area.tsx';
import { useReportFormat } from './use-report-format.ts';
import { WhatIfCalculator } from './what-if-calculator.tsx';

/** Agents needed per half hour of a day (Erlang C) against the operators who were logged in, and the what-if calculator. */
export function StaffingPage(props: TReportPageProps) {
  const { t } = useI18n();
  const api = useApi();
  const f = useReportFormat();
  const { filters } = props;
  const [source, setSource] = useState<'actual' | 'forecast'>('actual');
  const [weeks, setWeeks] = useState(4);
  const plan = useAsync(
    async (signal) => (filters.tenantId ? getStaffingPlan(api, { tenantId: filters.tenantId, day: filters.day, interval: '30m', source, weeks }, signal) : null),
    [api, filters.tenantId, filters.day, source, weeks],
  );
  const data = plan.data;
  const rows = data?.rows ?? [];
  const busy = rows.filter((r) => r.calls > 0 || r.loggedIn > 0);
  const exportCsv = () => downloadCsv(`staffing-${filters.day}-${source}.csv`, toCsv(
    ['start', 'calls', 'aht_seconds', 'agents', 'scheduled_agents', 'service_level', 'occupancy', 'logged_in'],
    rows.map((r) => [r.start, r.calls, r.ahtSeconds, r.agents, r.scheduledAgents, r.serviceLevel, r.occupancy, r.loggedIn]),
  ));

  return (
    <>
      <ReportToolbar {...props} allowAll={false}>
        <div className="field field--inline">
          <label htmlFor="staffing-day">{t('reports.staffing.day')}</label>
          <input id="staffing-day" type="date" value={filters.day} onChange={(e) => e.target.value && props.onChange({ day: e.target.value, month: e.target.value.slice(0, 7) })} />
        </div>
        <div className="field field--inline">
          <label htmlFor="staffing-source">{t('reports.staffing.source')}</label>
          <select id="staffing-source" value={source} onChange={(e) => setSource(e.target.value as 'actual' | 'forecast')}>
            <option value="actual">{t('reports.staffing.source.actual')}</option>
            <option value="forecast">{t('reports.staffing.source.forecast')}</option>
          </select>
        </div>
        {source === 'forecast' ? (
          <div className="field field--inline field--narrow">
            <label htmlFor="staffing-weeks">{t('reports.staffing.weeks')}</label>
            <input id="staffing-weeks" type="number" min={1} max={52} value={weeks} onChange={(e) => setWeeks(Math.min(52, Math.max(1, Number(e.target.value) || 1)))} />
          </div>
        ) : null}
      </ReportToolbar>
      {!filters.tenantId ? <p className="notice notice--info">{t('reports.staffing.pickTenant')}</p> : null}
      <ReportProgress done={plan.status === 'loading' ? 0 : 1} total={1} />
      {plan.status === 'failed' ? <ErrorNotice error={plan.error} onRetry={plan.reload} /> : null}
      {data ? (
        <section className="report-panel" aria-labelledby="staffing-title">
          <div className="report-panel__head">
            <h2 className="report-panel__title" id="staffing-title">{t('reports.staffing.chart')}</h2>
            <button type="button" className="button button--small" onClick={exportCsv} data-testid="export-staffing">{t('reports.exportCsv')}</button>
          </div>
          <p className="muted">{t('reports.staffing.target', { share: f.percent(data.target.serviceLevel), seconds: data.target.seconds, occupancy: f.percent(data.target.maxOccupancy), shrinkage: f.percent(data.target.shrinkage) })}</p>
          <StaffingChart rows={rows} label={t('reports.staffing.chart')} />
          <ul className="chart-legend">
            <li><span className="chart-legend__swatch chart-legend__swatch--needed" />{t('reports.staffing.legend.needed')}</li>
            <li><span className="chart-legend__swatch chart-legend__swatch--scheduled" />{t('reports.staffing.legend.scheduled')}</li>
            <li><span className="chart-legend__swatch chart-legend__swatch--logged" />{t('reports.staffing.legend.logged')}</li>
          </ul>
          <div className="report-table-wrap" tabIndex={0} aria-labelledby="staffing-title">
            <table className="report-table" data-testid="staffing-table">
              <thead><tr>
                <th scope="col">{t('reports.table.start')}</th><th scope="col">{t('reports.staffing.calls')}</th><th scope="col">{t('reports.staffing.aht')}</th>
                <th scope="col">{t('reports.staffing.needed')}</th><th scope="col">{t('reports.staffing.scheduled')}</th><th scope="col">{t('reports.staffing.loggedIn')}</th>
              </tr></thead>
              <tbody>
                {busy.map((r) => (
                  <tr key={r.start} className={r.loggedIn + 1e-9 < r.agents ? 'report-table__short' : undefined}>
                    <th scope="row">{r.start}</th><td>{f.number(r.calls)}</td><td>{f.number(r.ahtSeconds)}</td>
                    <td>{r.agents}</td><td>{r.scheduledAgents}</td><td>{f.number(r.loggedIn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <WhatIfCalculator />
    </>
  );
}
