import type { TCase } from '../../shared/api/cases.ts';
import { useI18n } from '../i18n/i18n-context.ts';

export function PriorityTag({ priority }: { priority: TCase['priority'] }) {
  const { t } = useI18n();
  return (
    <span className={`priority priority--${priority}`} data-priority={priority}>
      {t(`priority.${priority}`)}
    </span>
  );
}
