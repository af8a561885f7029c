import { navigate } from '../router/history.ts';

export type TReportFilters = { tenantId: string; month: string; interval: 'day' | 'week' | '60m' | '30m' | '15m'; day: string };

const intervals = ['day', 'week', '60m', '30m', '15m'] as const;

/** The month before `today` is the first one with complete figures, so it is the default. */
function previousMonth(today: Date): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

export function readReportFilters(search: string, today = new Date()): TReportFilters {
  const params = new URLSearchParams(search);
  const month = /^\d{4}-\d{2}$/.test(params.get('month') ?? '') ? params.get('month')! : previousMonth(today);
  const interval = intervals.find((i) => i === params.get('interval')) ?? 'day';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '') ? params.get('day')! : `${month}-15`;
  return { tenantId: params.get('tenant') ?? '', month, interval, day };
}

export function reportFiltersSearch(filters: TReportFilters): string {
  const params = new URLSearchParams();
  if (filters.tenantId) params.set('tenant', filters.tenantId);
  params.set('month', filters.month);
  if (filters.interval !== 'day') params.set('interval', filters.interval);
  params.set('day', filters.day);
  return `?${params}`;
}

export function updateReportFilters(pathname: string, current: TReportFilters, change: Partial<TReportFilters>): void {
  navigate(pathname + reportFiltersSearch({ ...current, ...change }), { replace: true });
}

/** First and last local day of a `YYYY-MM` month. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
