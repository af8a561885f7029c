import { getCost, getHeatmap, getTraffic } from '../api/reports.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useAsync } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { useApi } from '../session/session-context.ts';
import { HeatmapChart } from './charts/heatmap-chart.tsx';
import { LineChart } from './charts/line-chart.tsx';
import { CostPanel } from './cost-panel.tsx';
import { KpiCards } from './kpi-cards.tsx';
import { monthPeriod } from './report-filters.ts';
import { ReportProgress } from './report-progress.tsx';
import { ReportToolbar } from './report-toolbar.tsx';
import type { TReportPageProps } from './reports-area.tsx';
import { TrafficTable } from './traffic-table.tsx';
import { useReportFormat } from './use-report-format.ts';

const intervalKeys = { day: 'reports.interval.day', week: 'reports.interval.week', '60m': 'reports.interval.60m', '30m': 'reports.interval.30m', '15m': 'reports.interval.15m' } as const satisfies Record<string, TMessageKey>;

/** The month at a glance: headline figures, when calls come, how the service level moved, what it cost. */
export function OverviewPage(props: TReportPageProps) {
  const { t } = useI18n();
  const api = useApi();
  const f = useReportFormat();
  const { filters } = props;
  const period = { ...monthPeriod(filters.month), tenantId: filters.tenantId || undefined };
  const key = [api, filters.tenantId, filters.month];
  const traffic = useAsync((signal) => getTraffic(api, { ...period, interval: filters.interval }, signal), [...key, filters.interval]);
  const heatmap = useAsync((signal) => getHeatmap(api, period, signal), key);
  const cost = useAsync((signal) => getCost(api, period, signal), key);
  const done = [traffic, heatmap, cost].filter((r) => r.status !== 'loading').length;

  return (
    <>
      <ReportToolbar {...props}>
        <div className="field field--inline">
          <label htmlFor="report-interval">{t('reports.interval')}</label>
          <select id="report-interval" value={filters.interval} onChange={(e) => props.onChange({ interval: e.target.value as typeof filters.interval })}>
            {Object.entries(intervalKeys).map(([value, label]) => <option key={value} value={value}>{t(label)}</option>)}
          </select>
        </div>
      </ReportToolbar>
      <ReportProgress done={done} total={3} />
      {traffic.status === 'failed' ? <ErrorNotice error={traffic.error} onRetry={traffic.reload} /> : null}
      {traffic.data ? <KpiCards report={traffic.data} /> : null}
      {traffic.data && traffic.data.total.inboundCalls === 0 && traffic.data.total.offered === 0 ? <p className="empty-state">{t('reports.empty')}</p> : null}
      <div className="report-grid">
        <section className="report-panel" aria-labelledby="heatmap-title">
          <h2 className="report-panel__title" id="heatmap-title">{t('reports.heatmap.title')}</h2>
          {heatmap.status === 'failed' ? <ErrorNotice error={heatmap.error} onRetry={heatmap.reload} /> : null}
          {heatmap.data ? <HeatmapChart cells={heatmap.data.cells} /> : null}
        </section>
        <section className="report-panel" aria-labelledby="trend-title">
          <h2 className="report-panel__title" id="trend-title">{t('reports.trend.title')}</h2>
          {traffic.data ? (
            <LineChart testId="sl-trend" label={t('reports.trend.title')} max={1} format={(v) => f.percent(v)}
              target={traffic.data.serviceLevelTarget?.share}
              points={traffic.data.buckets.map((b) => ({ label: b.start.slice(5).replace('T00:00', '').replace('T', ' '), value: b.serviceLevel }))} />
          ) : null}
        </section>
        {cost.status === 'failed' ? <ErrorNotice error={cost.error} onRetry={cost.reload} /> : null}
        {cost.data ? <CostPanel cost={cost.data} /> : null}
        {traffic.data ? (
          <section className="report-panel" aria-labelledby="abandon-title">
            <h2 className="report-panel__title" id="abandon-title">{t('reports.abandon.title')}</h2>
            <table className="report-table report-table--compact" data-testid="abandon-table">
              <thead><tr><th scope="col">{t('reports.abandon.after')}</th><th scope="col">{t('reports.kpi.abandoned')}</th></tr></thead>
              <tbody>
                {Object.entries(traffic.data.total.abandonedAfter).map(([bucket, count]) => (
                  <tr key={bucket}><th scope="row">{bucket}</th><td>{f.number(count)}</td></tr>
                ))}
              </tbody>
            </table>
          </section>
        ) : null}
      </div>
      {traffic.data ? <TrafficTable report={traffic.data} fileName={`traffic-${filters.month}-${filters.interval}.csv`} /> : null}
    </>
  );
}
