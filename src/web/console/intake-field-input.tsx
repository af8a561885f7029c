import type { TIntakeField } from '../../shared/intake-schema.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { fieldLabel } from '../protocols/intake-format.ts';

/** A form value as typed: the empty string stands for "not given". */
export type TDraftValue = string | number | boolean;

type TIntakeFieldInputProps = {
  field: TIntakeField;
  value: TDraftValue | undefined;
  fromIvr: boolean;
  error: string | undefined;
  onChange: (value: TDraftValue) => void;
};

/** One protocol field rendered from its type; the error comes from the API's `fields`. */
export function IntakeFieldInput({ field, value, fromIvr, error, onChange }: TIntakeFieldInputProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = `intake-${field.key}`;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: field.key,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    'data-testid': id,
    required: field.required,
  } as const;

  let control;
  switch (field.type) {
    case 'choice':
      control = (
        <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('console.form.choose')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {i18n.label(option.labels, option.value)}
            </option>
          ))}
        </select>
      );
      break;
    case 'boolean':
      control = (
        <select
          {...common}
          value={value === true ? 'true' : value === false ? 'false' : ''}
          onChange={(e) => onChange(e.target.value === '' ? '' : e.target.value === 'true')}
        >
          <option value="">{t('console.form.choose')}</option>
          <option value="true">{t('common.yes')}</option>
          <option value="false">{t('common.no')}</option>
        </select>
      );
      break;
    case 'number':
      control = (
        <input
          {...common}
          type="number"
          min={field.min}
          max={field.max}
          value={typeof value === 'number' ? value : ''}
          onChange={(e) => onChange(e.target.value === '' ? '' : Number(e.target.value))}
        />
      );
      break;
    case 'date':
      control = <input {...common} type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'text':
      control = (
        <input
          {...common}
          type="text"
          maxLength={field.maxLength}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
  }

  return (
    <div className={fromIvr ? 'field field--from-ivr' : 'field'} data-key={field.key}>
      <label htmlFor={id}>
        {fieldLabel(field, field.key, i18n)}
        {fromIvr ? <span className="from-ivr">{t('console.form.fromIvr')}</span> : null}
      </label>
      {control}
      {error ? (
        <p className="field__error" id={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
