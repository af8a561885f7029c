import type { TTrafficReport } from '../../shared/api/reports.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { useReportFormat } from './use-report-format.ts';

/** The period's headline figures, one card each. */
export function KpiCards({ report }: { report: TTrafficReport }) {
  const { t } = useI18n();
  const f = useReportFormat();
  const total = report.total;
  const target = report.serviceLevelTarget;
  const cards: [TMessageKey, string, string?][] = [
    ['reports.kpi.offered', f.number(total.offered)],
    ['reports.kpi.answered', f.number(total.answered)],
    ['reports.kpi.abandoned', f.number(total.abandoned), f.percent(total.offered ? total.abandoned / total.offered : null)],
    ['reports.kpi.serviceLevel', f.percent(total.serviceLevel), target ? t('reports.kpi.serviceLevelTarget', { share: f.percent(target.share), seconds: target.seconds }) : undefined],
    ['reports.kpi.asa', f.duration(total.averageSpeedOfAnswer)],
    ['reports.kpi.aht', f.duration(total.averageHandleTime)],
    ['reports.kpi.containment', f.percent(total.ivrContainment), f.number(total.ivrContained)],
    ['reports.kpi.transfers', f.number(total.transfers)],
    ['reports.kpi.callbacks', f.number(total.callbacks)],
    ['reports.kpi.repeat', f.number(total.repeatCalls), f.percent(total.repeatRate)],
    ['reports.kpi.fcr', f.percent(total.firstContactResolution), f.number(total.firstContactResolved)],
    ['reports.kpi.acceptance', f.duration(total.averageTimeToAcceptance)],
    ['reports.kpi.resolution', f.duration(total.averageTimeToResolution)],
  ];
  return (
    <ul className="kpi-cards" data-testid="kpi-cards">
      {cards.map(([key, value, note]) => (
        <li key={key} className="kpi-card" data-kpi={key.slice('reports.kpi.'.length)}>
          <span className="kpi-card__label">{t(key)}</span>
          <strong className="kpi-card__value">{value}</strong>
          {note ? <span className="kpi-card__note">{note}</span> : null}
        </li>
      ))}
    </ul>
  );
}
