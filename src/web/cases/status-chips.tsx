import { caseStatuses, type TCaseStatus } from '../../shared/case-lifecycle.ts';
import { useI18n } from '../i18n/i18n-context.ts';

type TStatusChipsProps = { selected: readonly TCaseStatus[]; onChange: (statuses: TCaseStatus[]) => void };

export function StatusChips({ selected, onChange }: TStatusChipsProps) {
  const { t } = useI18n();
  const toggle = (status: TCaseStatus) =>
    onChange(caseStatuses.filter((s) => (s === status ? !selected.includes(s) : selected.includes(s))));
  return (
    <fieldset className="chips">
      <legend className="chips__legend">{t('cases.statusFilter')}</legend>
      <button type="button" className="chip" aria-pressed={selected.length === 0} onClick={() => onChange([])}>
        {t('cases.allStatuses')}
      </button>
      {caseStatuses.map((status) => (
        <button
          key={status}
          type="button"
          className={`chip chip--${status}`}
          aria-pressed={selected.includes(status)}
          data-testid={`status-chip-${status}`}
          onClick={() => toggle(status)}
        >
          {t(`status.${status}`)}
        </button>
      ))}
    </fieldset>
  );
}
