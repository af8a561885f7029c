type TRow = { start: string; agents: number; scheduledAgents: number; loggedIn: number };

/** Agents needed per interval as bars, scheduled heads as lighter bars behind, operators logged in as a line. */
export function StaffingChart({ rows, label }: { rows: readonly TRow[]; label: string }) {
  const width = 720;
  const height = 220;
  const pad = { left: 32, right: 8, top: 10, bottom: 26 };
  const max = Math.max(1, ...rows.map((r) => Math.max(r.scheduledAgents, r.loggedIn)));
  const step = (width - pad.left - pad.right) / Math.max(1, rows.length);
  const y = (v: number) => pad.top + (1 - v / max) * (height - pad.top - pad.bottom);
  const base = y(0);
  const line = rows.map((r, i) => `${i ? 'L' : 'M'}${(pad.left + i * step + step / 2).toFixed(1)},${y(r.loggedIn).toFixed(1)}`).join('');
  const labelEvery = Math.max(1, Math.ceil(rows.length / 12));
  return (
    <svg className="chart chart--staffing" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid="staffing-chart">
      {[0, Math.ceil(max / 2), max].map((v) => (
        <g key={v}>
          <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} className="chart__grid" />
          <text x={pad.left - 4} y={y(v) + 4} className="chart__axis" textAnchor="end">{v}</text>
        </g>
      ))}
      {rows.map((r, i) => (
        <g key={r.start}>
          <rect x={pad.left + i * step + 1} width={Math.max(1, step - 2)} y={y(r.scheduledAgents)} height={base - y(r.scheduledAgents)} className="chart__bar chart__bar--soft" />
          <rect x={pad.left + i * step + 1} width={Math.max(1, step - 2)} y={y(r.agents)} height={base - y(r.agents)} className="chart__bar" data-agents={r.agents}>
            <title>{`${r.start}: ${r.agents} / ${r.scheduledAgents} · ${r.loggedIn.toFixed(1)}`}</title>
          </rect>
          {i % labelEvery === 0 ? <text x={pad.left + i * step + step / 2} y={height - 8} className="chart__axis" textAnchor="middle">{r.start}</text> : null}
        </g>
      ))}
      <path d={line} className="chart__line chart__line--logged" data-testid="logged-in-line" />
    </svg>
  );
}
