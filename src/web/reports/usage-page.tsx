import { getUsage, usageCsvUrl } from '../api/reports.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useAsync } from '../common/use-async.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { useApi } from '../session/session-context.ts';
import { monthPeriod } from './report-filters.ts';
import { ReportProgress } from './report-progress.tsx';
import { ReportToolbar } from './report-toolbar.tsx';
import type { TReportPageProps } from './reports-area.tsx';
import { useReportFormat } from './use-report-format.ts';

/** A client's usage statement for the month, laid out to print on one page (see the print rules in reports.css). */
export function UsagePage(props: TReportPageProps) {
  const { t } = useI18n();
  const api = useApi();
  const f = useReportFormat();
  const period = { ...monthPeriod(props.filters.month), tenantId: props.filters.tenantId };
  const usage = useAsync(async (signal) => (period.tenantId ? getUsage(api, period, signal) : null), [api, period.tenantId, period.from]);
  const data = usage.data;
  const rows: [TMessageKey, string][] = data ? [
    ['reports.usage.calls', f.number(data.calls)],
    ['reports.usage.answered', f.number(data.answeredCalls)],
    ['reports.usage.minutes', f.number(data.billedMinutes)],
    ['reports.usage.rounding', t(`reports.rounding.${data.billingRounding}` as TMessageKey)],
    ['reports.usage.messages', f.number(data.messages)],
    ['reports.usage.dispatches', f.number(data.dispatches)],
    ['reports.usage.cases', f.number(data.casesOpened)],
  ] : [];
  return (
    <>
      <ReportToolbar {...props} allowAll={false} />
      {!period.tenantId ? <p className="notice notice--info">{t('reports.usage.pickTenant')}</p> : null}
      <ReportProgress done={usage.status === 'loading' ? 0 : 1} total={1} />
      {usage.status === 'failed' ? <ErrorNotice error={usage.error} onRetry={usage.reload} /> : null}
      {data ? (
        <article className="statement" data-testid="usage-statement" aria-labelledby="statement-title">
          <header className="statement__header">
            <h2 id="statement-title">{t('reports.usage.title')}</h2>
            <p className="statement__tenant">{data.tenantName} · {data.billingCode}</p>
            <p>{t('reports.usage.period', { from: data.from, to: data.to })}</p>
          </header>
          <table className="report-table statement__table">
            <tbody>
              {rows.map(([key, value]) => <tr key={key}><th scope="row">{t(key)}</th><td>{value}</td></tr>)}
            </tbody>
          </table>
          <div className="button-row statement__actions">
            <button type="button" className="button button--primary" onClick={() => window.print()}>{t('reports.usage.print')}</button>
            <a className="button" href={usageCsvUrl({ tenantId: data.tenantId, from: data.from, to: data.to })} download data-testid="usage-csv">{t('reports.usage.downloadCsv')}</a>
          </div>
        </article>
      ) : null}
    </>
  );
}
