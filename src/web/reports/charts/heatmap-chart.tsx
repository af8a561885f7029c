import { useI18n } from '../../i18n/i18n-context.ts';

type TCell = { weekday: number; hour: number; calls: number };

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;
const hours = Array.from({ length: 24 }, (_, h) => h);

/** Calls by hour (columns) and weekday (rows); darker is busier. Each cell names its figure for screen readers. */
export function HeatmapChart({ cells }: { cells: readonly TCell[] }) {
  const { t } = useI18n();
  const byKey = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.calls]));
  const max = Math.max(1, ...cells.map((c) => c.calls));
  const cellW = 28;
  const cellH = 24;
  const left = 40;
  const top = 18;
  const width = left + 24 * cellW;
  const height = top + 7 * cellH;
  return (
    <svg className="chart chart--heatmap" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('reports.heatmap.title')} data-testid="heatmap">
      {hours.filter((h) => h % 3 === 0).map((h) => (
        <text key={h} x={left + h * cellW + cellW / 2} y={12} className="chart__axis" textAnchor="middle">{String(h).padStart(2, '0')}</text>
      ))}
      {weekdays.map((day, row) => (
        <g key={day}>
          <text x={left - 6} y={top + row * cellH + cellH / 2 + 4} className="chart__axis" textAnchor="end">{t(`reports.weekday.${day}`)}</text>
          {hours.map((h) => {
            const calls = byKey.get(`${day}:${h}`) ?? 0;
            const share = calls / max;
            return (
              <rect key={h} x={left + h * cellW + 1} y={top + row * cellH + 1} width={cellW - 2} height={cellH - 2} rx={3}
                className="chart__cell" data-calls={calls} style={{ fillOpacity: calls ? 0.12 + 0.88 * share : 1 }}
                fill={calls ? 'var(--color-accent)' : 'var(--color-surface-muted)'}>
                <title>{t('reports.heatmap.cell', { day: t(`reports.weekday.${day}`), hour: String(h).padStart(2, '0'), calls })}</title>
              </rect>
            );
          })}
        </g>
      ))}
    </svg>
  );
}
