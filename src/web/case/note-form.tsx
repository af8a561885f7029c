import { useState, type FormEvent } from 'react';
import { addCaseNote } from '../api/cases.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';

export function NoteForm({ caseId, onAdded }: { caseId: string; onAdded: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [text, setText] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) return;
    setSaving(true);
    setError(undefined);
    setSaved(false);
    try {
      await addCaseNote(api, caseId, text.trim());
      setText('');
      setSaved(true);
      onAdded();
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="card card--note" aria-labelledby="note-title">
      <h2 className="card__title" id="note-title">
        {t('case.addNote')}
      </h2>
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="note-text" className="visually-hidden">
            {t('case.noteLabel')}
          </label>
          <textarea
            id="note-text"
            data-testid="note-text"
            rows={4}
            maxLength={10000}
            required
            placeholder={t('case.notePlaceholder')}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setSaved(false);
            }}
          />
        </div>
        {error !== undefined ? <ErrorNotice error={error} /> : null}
        <div className="button-row">
          <button type="submit" className="button button--primary" data-testid="note-submit" disabled={saving || !text.trim()}>
            {saving ? <span className="spinner spinner--inverse" aria-hidden="true" /> : null}
            {saving ? t('case.saving') : t('case.noteSubmit')}
          </button>
          <span className="notice-inline" role="status">
            {saved ? t('case.noteSaved') : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
