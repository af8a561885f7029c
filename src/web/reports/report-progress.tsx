import { useI18n } from '../i18n/i18n-context.ts';

/** How many of a page's reports have arrived; a month over every client can take a moment. */
export function ReportProgress({ done, total }: { done: number; total: number }) {
  const { t } = useI18n();
  if (done >= total) return null;
  const label = t('reports.progress', { done, total });
  return (
    <div className="report-progress" role="status" aria-live="polite" data-testid="report-progress">
      <progress max={total} value={done} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
