import type { TIntakeField } from '../../shared/intake-schema.ts';
import { useI18n } from '../i18n/i18n-context.ts';

type TIntakeInputProps = { field: TIntakeField; id: string; label: string; value: string; error?: string; onChange: (value: string) => void };

/** One protocol field as a form control of its type; `value` is the raw form string. */
export function IntakeInput({ field, id, label, value, error, onChange }: TIntakeInputProps) {
  const { t, label: labelOf } = useI18n();
  const invalid = error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
  const title = `${label}${field.required ? ' *' : ''}`;
  if (field.type === 'boolean') {
    return (
      <fieldset className="field__choices" {...(error ? { 'aria-describedby': `${id}-error` } : {})}>
        <legend>{title}</legend>
        {(['true', 'false'] as const).map((option, i) => (
          <label key={option} className="field__choice">
            <input type="radio" id={i === 0 ? id : undefined} name={id} value={option} checked={value === option} onChange={() => onChange(option)} {...invalid} />
            {t(option === 'true' ? 'common.yes' : 'common.no')}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <>
      <label htmlFor={id}>{title}</label>
      {field.type === 'choice' ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)} {...invalid}>
          <option value="">{t('portal.choose')}</option>
          {(field.options ?? []).map((o) => (
            <option key={o.value} value={o.value}>{labelOf(o.labels, o.value)}</option>
          ))}
        </select>
      ) : field.type === 'text' && (field.maxLength ?? 2000) > 200 ? (
        <textarea id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} {...invalid} />
      ) : (
        <input
          id={id} value={value} onChange={(e) => onChange(e.target.value)} {...invalid}
          type={field.type === 'number' ? 'number' : field.type === 'date' ? 'date' : 'text'}
        />
      )}
    </>
  );
}
