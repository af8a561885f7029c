import { useState } from 'react';
import type { TCase } from '../../shared/api/cases.ts';
import { dispatchCase, getCaseDispatch, revokeStatusLinks } from '../api/dispatch.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useAsync } from '../common/use-async.ts';
import { usePolling } from '../common/use-polling.ts';
import { useI18n } from '../i18n/i18n-context.ts';
import type { TMessageKey } from '../i18n/es.ts';
import { useApi } from '../session/session-context.ts';
import { WhyThisTechnician } from './why-this-technician.tsx';

const dispatchable = new Set(['new', 'reopened', 'dispatched', 'accepted', 'en_route', 'on_site']);

/** The case's dispatch: who was offered it and why, with automatic and by-hand dispatch. */
export function DispatchCard({ item, onChanged }: { item: TCase; onChanged: () => void }) {
  const { t, language } = useI18n();
  const api = useApi();
  const state = useAsync((signal) => getCaseDispatch(api, item.id, signal), [api, item.id, item.status]);
  usePolling(state.reload, 10_000);
  const [technicianId, setTechnicianId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [revoked, setRevoked] = useState<number | null>(null);
  const current = state.data?.current ?? null;
  const time = (iso: string) => new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      state.reload();
      onChanged();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card dispatch-card" aria-labelledby="dispatch-title" data-testid="dispatch-card">
      <h2 className="card__title" id="dispatch-title">{t('dispatch.title')}</h2>
      <div aria-live="polite">
        {current ? (
          <>
            <p className={`dispatch-card__status dispatch-card__status--${current.status}`} data-testid="dispatch-status">
              {t(`dispatch.status.${current.status}` as TMessageKey)}
            </p>
            <ul className="dispatch-card__offers">
              {current.offers.map((offer) => (
                <li key={offer.id}>
                  <strong>{offer.technicianName}</strong>{' '}
                  <span className="muted">
                    {offer.status === 'pending' ? t('dispatch.offer.pending', { time: time(offer.expiresAt) }) : t(`dispatch.offer.${offer.status}` as TMessageKey)}
                  </span>
                </li>
              ))}
            </ul>
            <WhyThisTechnician decision={current.decision} />
          </>
        ) : state.status === 'ready' ? (
          <p className="muted">{t('dispatch.none')}</p>
        ) : null}
      </div>
      {dispatchable.has(item.status) && state.data ? (
        <div className="form dispatch-card__actions">
          <button type="button" className="button button--primary" data-testid="dispatch-auto" disabled={busy} onClick={() => void run(() => dispatchCase(api, item.id))}>
            {t('dispatch.auto')}
          </button>
          <div className="field">
            <label htmlFor="dispatch-technician">{t('dispatch.byHand')}</label>
            <div className="field--inline">
              <select id="dispatch-technician" value={technicianId} onChange={(e) => setTechnicianId(e.target.value)}>
                <option value="">{t('dispatch.chooseTechnician')}</option>
                {state.data.technicians.map((tech) => (
                  <option key={tech.id} value={tech.id}>{tech.name}</option>
                ))}
              </select>
              <button type="button" className="button" disabled={busy || !technicianId} onClick={() => void run(() => dispatchCase(api, item.id, technicianId))}>
                {t('dispatch.assign')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
      <button type="button" className="button button--small" onClick={() => void run(async () => setRevoked((await revokeStatusLinks(api, item.id)).revoked))}>
        {t('dispatch.revokeLinks')}
      </button>
      <p className="notice-inline" role="status">{revoked !== null ? t('dispatch.revoked', { count: revoked }) : ''}</p>
      {error !== undefined ? <ErrorNotice error={error} /> : null}
      {state.status === 'failed' ? <ErrorNotice error={state.error} onRetry={state.reload} /> : null}
    </section>
  );
}
