import { useState, type FormEvent } from 'react';
import { defaultWrapUpCodes, type TActiveCall } from '../../shared/api/operators.ts';
import { wrapUpQueueCall } from '../api/operators.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { humanize } from '../common/format.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';

type TDefaultCode = (typeof defaultWrapUpCodes)[number];

type TWrapUpPanelProps = { call: TActiveCall; now: number; onDone: () => void };

/** After the caller leaves: a code and notes, with the time left before the next call may come. */
export function WrapUpPanel({ call, now, onDone }: TWrapUpPanelProps) {
  const { t } = useI18n();
  const api = useApi();
  // Tenants may add their own codes; the defaults have translated names.
  const codeLabel = (code: string) => ((defaultWrapUpCodes as readonly string[]).includes(code) ? t(`wrapUpCode.${code as TDefaultCode}`) : humanize(code));
  const [code, setCode] = useState(call.wrapUpCodes[0] ?? '');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const until = call.wrapUpUntil ? Date.parse(call.wrapUpUntil) : NaN;
  const remaining = Number.isNaN(until) ? null : Math.max(0, Math.ceil((until - now) / 1000));
  // The bar drains from what was left when the panel appeared.
  const [total] = useState(() => Math.max(1, remaining ?? 1));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await wrapUpQueueCall(api, call.queueCallId, { code, notes: notes.trim() || undefined });
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form wrap-up" onSubmit={(e) => void submit(e)} aria-labelledby="wrap-up-title" data-testid="wrap-up">
      <div className="card__title-row">
        <h3 className="card__subtitle" id="wrap-up-title">
          {t('console.wrapUp.title')}
        </h3>
        {remaining !== null ? (
          <span className="wrap-up__countdown" data-testid="wrap-up-remaining" role="timer" aria-live="off">
            {t('console.wrapUp.remaining', { seconds: remaining })}
          </span>
        ) : null}
      </div>
      {remaining !== null ? (
        <div className="wrap-up__bar" aria-hidden="true">
          <span style={{ width: `${Math.min(100, (remaining / total) * 100)}%` }} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="wrap-up-code">{t('console.wrapUp.code')}</label>
        <select id="wrap-up-code" value={code} onChange={(e) => setCode(e.target.value)} required>
          {call.wrapUpCodes.map((option) => (
            <option key={option} value={option}>
              {codeLabel(option)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="wrap-up-notes">{t('console.wrapUp.notes')}</label>
        <textarea id="wrap-up-notes" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={5000} />
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <button type="submit" className="button button--primary" disabled={busy || !code} data-testid="wrap-up-submit">
        {t('console.wrapUp.submit')}
      </button>
    </form>
  );
}
