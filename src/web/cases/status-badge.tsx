import type { TCaseStatus } from '../../shared/case-lifecycle.ts';
import { useI18n } from '../i18n/i18n-context.ts';

export function StatusBadge({ status }: { status: TCaseStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--${status}`} data-status={status}>
      <span className="badge__dot" aria-hidden="true" />
      {t(`status.${status}`)}
    </span>
  );
}
