import { useState } from 'react';
import type { TOfferSummary } from '../../shared/api/dispatch.ts';
import { answerOfferByLink, readOffer } from '../api/dispatch.ts';
import { ErrorNotice } from '../common/error-notice.tsx';
import { groupReference, humanize } from '../common/format.ts';
import { LoadingState } from '../common/loading-state.tsx';
import { useAsync } from '../common/use-async.ts';
import { useDocumentTitle } from '../common/use-document-title.ts';
import { fragmentToken } from '../field/sign-in-page.tsx';
import { useI18n } from '../i18n/i18n-context.ts';
import { useApi } from '../session/session-context.ts';
import { PublicFrame } from './public-frame.tsx';

/** Accept or decline from the offer message's link, with no sign-in: the link is the credential. */
export function OfferPage() {
  const { t, formatDateTime } = useI18n();
  const api = useApi();
  useDocumentTitle(t('offer.title'));
  const [token] = useState(fragmentToken);
  const offer = useAsync((signal) => readOffer(api, token, signal), [api, token]);
  const [answered, setAnswered] = useState<TOfferSummary | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const shown = answered ?? offer.data;

  const answer = async (choice: 'accept' | 'decline') => {
    setError(undefined);
    try {
      setAnswered(await answerOfferByLink(api, token, choice));
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <PublicFrame title={t('offer.title')}>
      {!shown && offer.status === 'loading' ? <LoadingState /> : null}
      {!shown && offer.status === 'failed' ? <p className="notice notice--error" role="alert">{t('offer.gone')}</p> : null}
      {shown ? (
        <div aria-live="polite" data-testid="offer-page">
          <p className="public__reference">{groupReference(shown.reference)} · {shown.tenantName}</p>
          <p>
            {humanize(shown.applianceType ?? 'other')}
            {shown.priority === 'urgent' ? ` · ${t('priority.urgent')}` : ''}
            {shown.city ? ` · ${shown.city}` : ''}
          </p>
          <p className="description">{shown.description}</p>
          {shown.status === 'pending' ? (
            <>
              <p className="muted">{t('field.expires', { time: formatDateTime(shown.expiresAt) })}</p>
              <div className="button-row">
                <button type="button" className="button button--primary" onClick={() => void answer('accept')}>{t('field.accept')}</button>
                <button type="button" className="button" onClick={() => void answer('decline')}>{t('field.decline')}</button>
              </div>
            </>
          ) : (
            <p className="notice notice--info" role="status">
              {shown.status === 'accepted' && answered ? t('offer.accepted', { reference: shown.reference })
                : shown.status === 'declined' && answered ? t('offer.declined', { reference: shown.reference }) : t('offer.gone')}
            </p>
          )}
          {error !== undefined ? <ErrorNotice error={error} /> : null}
        </div>
      ) : null}
    </PublicFrame>
  );
}
