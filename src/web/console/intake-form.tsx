import { useState, type FormEvent } from 'react';
import type { TScreenPop } from '../../shared/api/operators.ts';
import type { TIntakeValues } from '../../shared/intake-schema.ts';
import { completeQueueCall, type TCompleteResult } from '../api/operators.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { groupReference } from '../common/format.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';
import { IntakeFieldInput, type TDraftValue } from './intake-field-input.tsx';
import { fieldErrors } from './intake-errors.ts';
import { toIntakeValues } from './intake-values.ts';

type TIntakeFormProps = {
  pop: TScreenPop;
  caseId: string | undefined;
  caseReference: string | undefined;
  onCaseChosen: (caseId: string | undefined, reference?: string) => void;
};

function withoutBlanks(draft: Readonly<Record<string, TDraftValue>>): TIntakeValues {
  return Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== ''));
}

export function IntakeForm({ pop, caseId, caseReference, onCaseChosen }: TIntakeFormProps) {
  const { t } = useI18n();
  const api = useApi();
  const collected = toIntakeValues(pop.collected.intake);
  const [draft, setDraft] = useState<Record<string, TDraftValue>>(collected);
  const [description, setDescription] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<TCompleteResult | null>(null);
  const schema = pop.protocol?.intakeSchema;
  const errors = fieldErrors(error);
  const duplicateOf = result && result.duplicate && !result.created ? result : null;

  const submit = async (event: FormEvent, override = false) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await completeQueueCall(api, pop.queueCallId, {
        intake: withoutBlanks(draft),
        description: description.trim() || undefined,
        caseId,
        override: override ? { reason: overrideReason } : undefined,
      });
      setResult(saved);
      // A case the guard matched waits for the operator's choice: update it, or override.
      if (saved.created || !saved.duplicate) onCaseChosen(saved.caseId, saved.reference);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  if (!schema) return <p className="notice notice--warning">{t('console.form.noProtocol')}</p>;

  return (
    <form className="form intake-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="intake-form-title">
      <h3 className="card__subtitle" id="intake-form-title">
        {t('console.form.title', { tenant: pop.tenant.name })}
      </h3>
      {result && !duplicateOf ? (
        <div className="saved-reference" role="status" data-testid="saved-reference" data-reference={result.reference}>
          <span className="saved-reference__label">{t('console.form.saved')}</span>
          <strong className="saved-reference__number">{groupReference(result.reference)}</strong>
          <span className="muted">{t('console.form.savedHint')}</span>
        </div>
      ) : null}
      <div className="intake-form__fields">
        {schema.fields.map((field) => (
          <IntakeFieldInput
            key={field.key}
            field={field}
            value={draft[field.key]}
            fromIvr={field.key in collected}
            error={errors.byKey.get(field.key)}
            onChange={(value) => setDraft((previous) => ({ ...previous, [field.key]: value }))}
          />
        ))}
      </div>
      <div className="field">
        <label htmlFor="intake-description">{t('console.form.description')}</label>
        <textarea id="intake-description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={10_000} />
      </div>
      {errors.rest ? <ErrorNotice error={error} /> : null}
      {duplicateOf ? (
        <div className="notice notice--warning" role="alert" data-testid="form-duplicate">
          <p>{t('console.form.duplicateFound', { reference: groupReference(duplicateOf.reference) })}</p>
          <div className="field">
            <label htmlFor="override-reason">{t('console.form.override')}</label>
            <input id="override-reason" value={overrideReason} onChange={(e) => setOverrideReason(e.target.value)} maxLength={500} />
          </div>
          <div className="button-row">
            <button type="button" className="button button--small" onClick={() => onCaseChosen(duplicateOf.caseId, duplicateOf.reference)}>
              {t('console.pop.useCase')}
            </button>
            <button
              type="button"
              className="button button--small"
              disabled={saving || overrideReason.trim().length < 3}
              onClick={(e) => void submit(e, true)}
            >
              {t('console.form.override')}
            </button>
          </div>
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={saving} data-testid="intake-submit">
          {caseId ? t('console.form.update', { reference: groupReference(caseReference ?? '') }) : t('console.form.create')}
        </button>
        {caseId ? (
          <button type="button" className="button button--small" onClick={() => onCaseChosen(undefined)}>
            {t('console.form.create')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
