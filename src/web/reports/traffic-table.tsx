import type { TTrafficReport } from '../../shared/api/reports.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { downloadCsv, toCsv } from './csv.ts';
import { useReportFormat } from './use-report-format.ts';

/** One row per interval, and the same rows as CSV (raw numbers, seconds and shares, for spreadsheets). */
export function TrafficTable({ report, fileName }: { report: TTrafficReport; fileName: string }) {
  const { t } = useI18n();
  const f = useReportFormat();
  const header = [t('reports.table.start'), t('reports.kpi.offered'), t('reports.kpi.answered'), t('reports.kpi.abandoned'),
    t('reports.kpi.serviceLevel'), t('reports.kpi.asa'), t('reports.kpi.aht'), t('reports.kpi.containment'), t('reports.kpi.transfers'), t('reports.kpi.callbacks')];
  const exportCsv = () => downloadCsv(fileName, toCsv(
    ['start', 'offered', 'answered', 'abandoned', 'service_level', 'asa_seconds', 'aht_seconds', 'ivr_containment', 'transfers', 'callbacks', 'repeat_calls', 'cases_opened'],
    report.buckets.map((b) => [b.start, b.offered, b.answered, b.abandoned, b.serviceLevel, b.averageSpeedOfAnswer, b.averageHandleTime, b.ivrContainment, b.transfers, b.callbacks, b.repeatCalls, b.casesOpened]),
  ));
  return (
    <section className="report-panel" aria-labelledby="traffic-table-title">
      <div className="report-panel__head">
        <h2 className="report-panel__title" id="traffic-table-title">{t('reports.table.title')}</h2>
        <button type="button" className="button button--small" onClick={exportCsv} data-testid="export-traffic">{t('reports.exportCsv')}</button>
      </div>
      <div className="report-table-wrap" tabIndex={0} aria-labelledby="traffic-table-title">
        <table className="report-table" data-testid="traffic-table">
          <thead><tr>{header.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
          <tbody>
            {report.buckets.map((b) => (
              <tr key={b.start}>
                <th scope="row">{b.start.replace('T00:00', '').replace('T', ' ')}</th>
                <td>{f.number(b.offered)}</td><td>{f.number(b.answered)}</td><td>{f.number(b.abandoned)}</td>
                <td>{f.percent(b.serviceLevel)}</td><td>{f.duration(b.averageSpeedOfAnswer)}</td><td>{f.duration(b.averageHandleTime)}</td>
                <td>{f.percent(b.ivrContainment)}</td><td>{f.number(b.transfers)}</td><td>{f.number(b.callbacks)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
