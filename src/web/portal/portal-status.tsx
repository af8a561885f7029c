import { useState, type FormEvent } from 'react';
import type { TPortalStatus } from '../../shared/api/knowledge.ts';
import { ApiError } from '../api/api-error.ts';
import type { TPortalApi } from '../api/portal.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { StatusBadge } from '../cases/status-badge.tsx';

type TState = { kind: 'idle' } | { kind: 'busy' } | { kind: 'found'; status: TPortalStatus } | { kind: 'noMatch' } | { kind: 'limited' } | { kind: 'failed'; error: unknown };

export function PortalStatus({ portal }: { portal: TPortalApi }) {
  const { t, formatDateTime } = useI18n();
  const [reference, setReference] = useState('');
  const [phone, setPhone] = useState('');
  const [state, setState] = useState<TState>({ kind: 'idle' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: 'busy' });
    try {
      setState({ kind: 'found', status: await portal.status(reference, phone) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setState({ kind: 'noMatch' });
      else if (error instanceof ApiError && error.status === 429) setState({ kind: 'limited' });
      else setState({ kind: 'failed', error });
    }
  };

  return (
    <section aria-labelledby="status-title">
      <h1 className="page__title" id="status-title">{t('portal.statusTitle')}</h1>
      <p className="muted">{t('portal.statusIntro')}</p>
      <form className="form portal-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="status-reference">{t('portal.reference')}</label>
          <input id="status-reference" inputMode="numeric" autoComplete="off" required value={reference} onChange={(e) => setReference(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="status-phone">{t('portal.phone')}</label>
          <input id="status-phone" type="tel" autoComplete="tel" required value={phone} onChange={(e) => setPhone(e.target.value)} />
        </div>
        <button type="submit" className="button button--primary" disabled={state.kind === 'busy'}>
          {state.kind === 'busy' ? t('portal.checking') : t('portal.check')}
        </button>
      </form>
      <div aria-live="polite" data-testid="status-result">
        {state.kind === 'found' ? (
          <div className="notice notice--info">
            <p className="notice__title">
              {t('portal.statusOf', { reference: state.status.reference })} <StatusBadge status={state.status.status} />
            </p>
            <p className="notice__detail">{t('portal.updatedAt', { when: formatDateTime(state.status.updatedAt) })}</p>
          </div>
        ) : null}
        {state.kind === 'noMatch' ? <p className="notice notice--warning">{t('portal.noMatch')}</p> : null}
        {state.kind === 'limited' ? <p className="notice notice--warning">{t('portal.limited')}</p> : null}
        {state.kind === 'failed' ? <ErrorNotice error={state.error} /> : null}
      </div>
    </section>
  );
}
