import { useState } from 'react';
import type { TCase } from '../../shared/api/cases.ts';
import { caseTransitions, type TCaseStatus } from '../../shared/case-lifecycle.ts';
import { transitionCase } from '../api/cases.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';

type TStatusActionsProps = { item: TCase; onChanged: () => void };

function buttonClass(to: TCaseStatus, index: number): string {
  if (to === 'cancelled') return 'button button--danger';
  return index === 0 ? 'button button--primary' : 'button';
}

/** Offers only the moves the lifecycle allows from the current status; the first is the usual next step. */
export function StatusActions({ item, onChanged }: TStatusActionsProps) {
  const { t } = useI18n();
  const api = useApi();
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<TCaseStatus | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<TCaseStatus | null>(null);
  const targets = caseTransitions[item.status];

  const move = async (to: TCaseStatus) => {
    setPending(to);
    setError(undefined);
    setDone(null);
    try {
      await transitionCase(api, item.id, to, note.trim() || undefined);
      setNote('');
      setDone(to);
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(null);
    }
  };

  return (
    <section className="card card--status" aria-labelledby="status-actions-title">
      <h2 className="card__title" id="status-actions-title">
        {t('case.statusActions')}
      </h2>
      {targets.length === 0 ? (
        <p className="muted">{t('case.noTransitions')}</p>
      ) : (
        <>
          <div className="field">
            <label htmlFor="transition-note">{t('case.transitionNote')}</label>
            <textarea
              id="transition-note"
              rows={2}
              maxLength={2000}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <div className="button-row" data-testid="status-actions">
            {targets.map((to, index) => (
              <button
                key={to}
                type="button"
                className={buttonClass(to, index)}
                data-testid={`transition-${to}`}
                disabled={pending !== null}
                aria-busy={pending === to}
                onClick={() => void move(to)}
              >
                {pending === to ? <span className="spinner" aria-hidden="true" /> : null}
                {t(`action.${to}`)}
              </button>
            ))}
          </div>
        </>
      )}
      {error !== undefined ? <ErrorNotice error={error} /> : null}
      <p className="notice-inline" role="status">
        {done ? t('case.statusChanged', { status: t(`status.${done}`) }) : ''}
      </p>
    </section>
  );
}
