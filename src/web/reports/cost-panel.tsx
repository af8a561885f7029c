import type { TCostReport } from '../../shared/api/reports.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useReportFormat } from './use-report-format.ts';

export function CostPanel({ cost }: { cost: TCostReport }) {
  const { t } = useI18n();
  const f = useReportFormat();
  const money = (value: number | null) => f.money(value, cost.currency);
  const max = Math.max(cost.totalCost, cost.missedCallsCost, 0.01);
  const bars: [string, number, string][] = [
    [t('reports.cost.seat'), cost.seatCost, 'seat'],
    [t('reports.cost.telephony', { minutes: f.number(cost.billedMinutes) }), cost.telephonyCost, 'telephony'],
    [t('reports.cost.missed', { count: cost.missedCalls }), cost.missedCallsCost, 'missed'],
  ];
  return (
    <section className="report-panel" aria-labelledby="cost-title" data-testid="cost-panel">
      <h2 className="report-panel__title" id="cost-title">{t('reports.cost.title')}</h2>
      <dl className="cost-figures">
        <div><dt>{t('reports.cost.total')}</dt><dd data-testid="cost-total">{money(cost.totalCost)}</dd></div>
        <div><dt>{t('reports.cost.perCall')}</dt><dd data-testid="cost-per-call">{money(cost.costPerCall)}</dd></div>
        <div><dt>{t('reports.cost.perCase')}</dt><dd>{money(cost.costPerCase)}</dd></div>
      </dl>
      <svg className="chart chart--cost" viewBox="0 0 400 96" role="img" aria-label={t('reports.cost.title')}>
        {bars.map(([label, value, kind], i) => (
          <g key={kind}>
            <text x={0} y={i * 32 + 12} className="chart__axis">{`${label}: ${money(value)}`}</text>
            <rect x={0} y={i * 32 + 16} height={10} rx={3} width={Math.max(1, (value / max) * 400)} className={`chart__bar chart__bar--${kind}`} />
          </g>
        ))}
      </svg>
    </section>
  );
}
