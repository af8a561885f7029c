type TPoint = { label: string; value: number | null };

type TLineChartProps = {
  points: readonly TPoint[];
  /** A horizontal reference (the target), drawn dashed. */
  target?: number;
  max?: number;
  label: string;
  format: (value: number) => string;
  testId?: string;
};

/** A line over evenly spaced points; gaps (null) break the line rather than pretending a zero. */
export function LineChart({ points, target, max: givenMax, label, format, testId }: TLineChartProps) {
  const width = 640;
  const height = 200;
  const pad = { left: 44, right: 12, top: 12, bottom: 28 };
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const max = givenMax ?? Math.max(target ?? 0, ...values, 1);
  const x = (i: number) => pad.left + (points.length <= 1 ? 0 : (i * (width - pad.left - pad.right)) / (points.length - 1));
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  return (
    <svg className="chart chart--line" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid={testId}>
      {[0, 0.5, 1].map((share) => (
        <g key={share}>
          <line x1={pad.left} x2={width - pad.right} y1={y(max * share)} y2={y(max * share)} className="chart__grid" />
          <text x={pad.left - 6} y={y(max * share) + 4} className="chart__axis" textAnchor="end">{format(max * share)}</text>
        </g>
      ))}
      {target !== undefined ? <line x1={pad.left} x2={width - pad.right} y1={y(target)} y2={y(target)} className="chart__target" data-testid={testId ? `${testId}-target` : undefined} /> : null}
      {segments.map((d) => <path key={d} d={d} className="chart__line" />)}
      {points.map((p, i) => (p.value === null ? null : (
        <circle key={p.label} cx={x(i)} cy={y(p.value)} r={3} className="chart__dot" data-value={p.value}>
          <title>{`${p.label}: ${format(p.value)}`}</title>
        </circle>
      )))}
      {points.map((p, i) => (i % labelEvery === 0 ? (
        <text key={`l${p.label}`} x={x(i)} y={height - 8} className="chart__axis" textAnchor="middle">{p.label}</text>
      ) : null))}
    </svg>
  );
}
